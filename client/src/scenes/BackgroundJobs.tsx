import type { TJobStatus } from "@contracts/jobs";
import { jobsApi } from "../api/jobsApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Table } from "../components/Table";
import { useCan } from "../SessionContext";

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" }) : "Not yet run";

function result(job: TJobStatus): string {
  if (job.isRunning) return "Running now";
  if (job.lastResult === "succeeded") return "Succeeded";
  if (job.lastResult === "failed") return job.lastError ? `Failed. ${job.lastError}` : "Failed";
  return "Not yet run";
}

/**
 * The tool's background jobs (grade passback, sweeps, roster refresh) for programme leads: when
 * each last ran, how it went and how often it has failed. Shown to those who may see them.
 */
export function BackgroundJobs() {
  return useCan("view", "Job") ? <JobsTable /> : null;
}

function JobsTable() {
  const jobs = useQuery((signal) => jobsApi.list(signal), []);
  return (
    <section aria-labelledby="dash-jobs">
      <h2 id="dash-jobs">Background jobs</h2>
      <p>
        Work the tool does on its own, such as sending marks to the VLE. A job that keeps failing is tried again, less
        often each time.
      </p>
      {jobs.status === "loading" && <Loading label="Loading the background jobs…" />}
      {jobs.status === "error" && <ErrorMessage error={jobs.error} onRetry={jobs.reload} />}
      {jobs.status === "ready" && (
        <>
          <Table
            caption="Background jobs and their last run"
            rows={jobs.data.jobs}
            rowKey={(j) => j.name}
            emptyMessage="No background job has been recorded yet."
            columns={[
              { header: "Job", isRowHeader: true, cell: (j) => j.title },
              { header: "Last run", cell: (j) => when(j.lastStartedAt) },
              { header: "Result", cell: (j) => result(j) },
              {
                header: "Failures",
                align: "end",
                cell: (j) =>
                  j.consecutiveFailures > 0 ? `${j.failures} (${j.consecutiveFailures} in a row)` : j.failures,
              },
            ]}
          />
          <Button variant="secondary" onClick={jobs.reload}>
            Check again
          </Button>
        </>
      )}
    </section>
  );
}
