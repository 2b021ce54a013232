// A declarative pipeline that uses the shared library in examples/jenkins-library (SharedLibraryTest).
// tag::use[]
@Library('patchwindow') _

pipeline {
    agent { label 'linux && java17' }
    stages {
        stage('Patch windows') {
            steps {
                script {
                    int code = patchwindow(params.OPTIONS)
                    echo "patchwindow exited with ${code}"
                }
            }
        }
    }
}
// end::use[]
