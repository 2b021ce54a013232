package io.patchwindow.azure.assessment;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.http.rest.Response;
import com.azure.core.models.ResponseError;
import com.azure.core.util.Context;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsQueryResultStatus;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import com.azure.monitor.query.models.QueryTimeInterval;

import io.patchwindow.azure.AzureAdapterException;
import io.patchwindow.azure.PatchwindowAzure;
import io.patchwindow.core.assessment.AssessmentSink;
import io.patchwindow.core.port.AssessmentRequest;
import io.patchwindow.core.port.AssessmentSource;
import io.patchwindow.core.text.Quoting;

/**
 * Reads pending updates from the Log Analytics {@code Update} table with the original runbook's query
 * ({@link #query(Instant)}): rows since the request's {@code notBefore}, Linux, the newest row per
 * (ResourceId, Computer, SourceComputerId, Product, ProductArch), state {@code Needed}, classification
 * Security or Critical. Partial answers are accepted and reported through
 * {@link AssessmentSink#warning(String)}; a failed query throws {@link AzureAdapterException}.
 * Obtain from {@link PatchwindowAzure#logAnalyticsAssessment(String)}.
 */
public final class LogAnalyticsAssessmentSource implements AssessmentSource {
    private static final Logger LOG = LoggerFactory.getLogger(LogAnalyticsAssessmentSource.class);

    /** How far past notBefore the server scans (a bound, not a filter). */
    private static final Duration SCAN_WINDOW = Duration.ofDays(3650);

    private final LogsQueryClient client;
    private final Supplier<String> workspace;

    /**
     * Queries through a Logs client. Used by {@link io.patchwindow.azure.PatchwindowAzure}, which applications obtain a source from.
     *
     * @param client the Logs query client, not null
     * @param workspace the workspace GUID, looked up when first queried
     */
    public LogAnalyticsAssessmentSource(LogsQueryClient client, Supplier<String> workspace) {
        this.client = Objects.requireNonNull(client, "client");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * Returns the KQL sent for a freshness limit (the instant is formatted by the adapter; no user text).
     *
     * @param notBefore the oldest {@code TimeGenerated} kept, not null
     * @return the query, not null
     */
    public static String query(Instant notBefore) {
        Objects.requireNonNull(notBefore, "notBefore");
        return "Update\n"
                + "| where TimeGenerated >= datetime(" + notBefore.truncatedTo(ChronoUnit.MILLIS) + ")\n"
                + "| where OSType =~ \"Linux\"\n"
                + "| summarize arg_max(TimeGenerated, *) by ResourceId, Computer, SourceComputerId, Product, ProductArch\n"
                + "| where UpdateState =~ \"Needed\"\n"
                + "| where Classification has \"Security\" or Classification has \"Critical\"\n"
                + "| project TimeGenerated, ResourceId, Computer, SourceComputerId, Product, ProductArch, "
                + "ProductVersion, Classification, UpdateState, OSType\n"
                + "| sort by ResourceId asc, Computer asc, Product asc, ProductArch asc";
    }

    /**
     * Reads the records into the sink.
     *
     * @param request the machines and freshness limit, not null
     * @param sink receives records and warnings, not null
     * @throws AzureAdapterException if the query fails
     */
    @Override
    public void read(AssessmentRequest request, AssessmentSink sink) {
        Objects.requireNonNull(sink, "sink");
        readRows(request, new RowSink<>() {
            @Override
            public void accept(UpdateRow row) {
                sink.accept(row.toRecord()); // a blank Product too: the reducer ignores it with a warning
            }

            @Override
            public void warning(String message) {
                sink.warning(message);
            }
        });
    }

    /**
     * Reads the raw rows (for snapshot export), in the query's order.
     *
     * @param request the freshness limit, not null
     * @param sink receives rows and warnings, not null
     * @throws AzureAdapterException if the query fails
     */
    public void readRows(AssessmentRequest request, RowSink<UpdateRow> sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        String ws = workspace.get();
        LogsQueryOptions options = new LogsQueryOptions().setAllowPartialErrors(true);
        // The decisive time filter is the query's datetime(); the interval only bounds the scan server-side,
        // from notBefore on. (QueryTimeInterval.ALL would send an unbounded timespan the service rejects.)
        QueryTimeInterval interval = new QueryTimeInterval(
                request.notBefore().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC), SCAN_WINDOW);
        LogsQueryResult result;
        try {
            Response<LogsQueryResult> response = client.queryWorkspaceWithResponse(ws, query(request.notBefore()),
                    interval, options, Context.NONE);
            result = response.getValue();
        } catch (RuntimeException e) {
            throw AzureAdapterException.wrap("Log Analytics query of workspace " + ws, e);
        }
        if (result.getQueryResultStatus() == LogsQueryResultStatus.FAILURE) {
            ResponseError error = result.getError();
            String code = error == null ? null : error.getCode();
            throw new AzureAdapterException("Log Analytics query of workspace " + ws + " failed: "
                    + (code == null ? "" : code + ": ") + (error == null ? "no detail" : error.getMessage()), code, 200,
                    null);
        }
        if (result.getQueryResultStatus() == LogsQueryResultStatus.PARTIAL_FAILURE) {
            ResponseError error = result.getError();
            sink.warning("Log Analytics returned a partial result for workspace " + ws + " ("
                    + (error == null ? "PartialError" : error.getCode() + ": " + error.getMessage())
                    + "); the assessment is incomplete");
        }
        if (result == null || result.getAllTables() == null) {
            throw new AzureAdapterException("Log Analytics query of workspace " + ws + " failed: unexpected answer "
                    + "(no tables)", "UnexpectedResultFormat", 200, null);
        }
        long rows = 0;
        long unreadable = 0;
        String example = null;
        for (LogsTable table : result.getAllTables()) {
            if (table == null || table.getRows() == null) {
                continue;
            }
            for (LogsTableRow row : table.getRows()) {
                UpdateRow r;
                try {
                    r = toRow(row);
                } catch (RuntimeException e) {
                    // one malformed row (e.g. a TimeGenerated that is not a date) never hides the others
                    if (unreadable++ == 0) {
                        example = e.getClass().getSimpleName() + ": " + Quoting.quote(e.getMessage());
                    }
                    continue;
                }
                if (r != null) {
                    sink.accept(r);
                    rows++;
                }
            }
        }
        if (unreadable > 0) {
            sink.warning("Log Analytics returned " + unreadable + " unreadable Update rows from workspace " + ws
                    + " (first: " + example + "); they were ignored");
        }
        LOG.debug("Log Analytics: {} Update rows from workspace {}", rows, ws);
    }

    private static @Nullable UpdateRow toRow(LogsTableRow row) {
        OffsetDateTime time = row.getColumnValue("TimeGenerated").map(LogsTableCell::getValueAsDateTime).orElse(null);
        if (time == null) {
            return null;
        }
        return new UpdateRow(time.toInstant(), orEmpty(cell(row, "ResourceId")), cell(row, "Computer"),
                cell(row, "SourceComputerId"), orEmpty(cell(row, "Product")), orEmpty(cell(row, "ProductArch")),
                cell(row, "ProductVersion"), orEmpty(cell(row, "Classification")), orEmpty(cell(row, "UpdateState")),
                cell(row, "OSType"));
    }

    private static @Nullable String cell(LogsTableRow row, String column) {
        return row.getColumnValue(column).map(LogsTableCell::getValueAsString).orElse(null);
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
