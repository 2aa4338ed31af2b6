import { useState } from "react";
import { gradebookApi } from "../api/gradebookApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";

const roleText = { mentor: "Mentor", tutor: "Tutor", lead: "Programme lead", leadMentor: "Lead mentor" } as const;

/** Tutors and leads: everyone in the course, from the VLE's member list, launched or not. */
export function Roster() {
  const roster = useQuery((signal) => gradebookApi.roster(signal), []);
  const [syncState, setSyncState] = useState<{ busy: boolean; error: unknown; message: string }>({
    busy: false,
    error: null,
    message: "",
  });

  const sync = async () => {
    setSyncState({ busy: true, error: null, message: "" });
    try {
      const r = await gradebookApi.syncRoster();
      setSyncState({ busy: false, error: null, message: `Updated from the VLE: ${r.seen} people, ${r.added} new.` });
      roster.reload();
    } catch (error) {
      setSyncState({ busy: false, error, message: "" });
    }
  };

  return (
    <Page
      title="Roster"
      intro={<p>Everyone in this course, including mentors who have not opened Mentor Pathways yet.</p>}
    >
      <Button variant="secondary" isBusy={syncState.busy} busyLabel="Updating…" onClick={() => void sync()}>
        Update from the VLE
      </Button>
      <p aria-live="polite">{syncState.message}</p>
      {syncState.error !== null && <ErrorMessage error={syncState.error} />}
      {roster.status === "loading" && <Loading />}
      {roster.status === "error" && <ErrorMessage error={roster.error} onRetry={roster.reload} />}
      {roster.status === "ready" && (
        <>
          <p>
            {roster.data.syncedAt
              ? `Last updated from the VLE ${new Date(roster.data.syncedAt).toLocaleString("en-GB")}.`
              : "Not yet updated from the VLE."}
          </p>
          <Table
            caption="People in this course"
            rows={roster.data.members}
            rowKey={(m) => m.userId}
            columns={[
              { header: "Name", isRowHeader: true, cell: (m) => m.name },
              { header: "Role", cell: (m) => m.roles.map((r) => roleText[r]).join(", ") },
              { header: "School", cell: (m) => m.school ?? "" },
              {
                header: "Opened Mentor Pathways",
                cell: (m) => (m.lastLaunchAt ? new Date(m.lastLaunchAt).toLocaleDateString("en-GB") : "Not yet"),
              },
              { header: "In the VLE", cell: (m) => (m.status === "Active" ? "Yes" : m.status) },
            ]}
          />
        </>
      )}
    </Page>
  );
}
