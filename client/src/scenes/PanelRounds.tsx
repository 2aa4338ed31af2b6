import { panelEndpoints, type TRoundDetail } from "@contracts/panel";
import { panelApi } from "../api/panelApi";
import { Button } from "../components/Button";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { hrefFor } from "../router";
import { statusLabel } from "./portfolioWords";
import { PanelRoundForm } from "./PanelRoundForm";
import { AllocatedToYou, RoundAllocation } from "./PanelAllocation";
import { useLatest } from "./useLatest";
import { useCan } from "../SessionContext";
import { shortDate, useAction } from "./useAction";

/** Panel rounds: the lead creates them; members see the rounds they sit on. */
export function PanelRounds() {
  const list = useQuery((signal) => call(panelEndpoints.rounds, { signal }), []);
  const data = useLatest(list);
  if (list.status === "error")
    return (
      <Page title="Panel rounds">
        <ErrorMessage error={list.error} onRetry={list.reload} />
      </Page>
    );
  if (!data)
    return (
      <Page title="Panel rounds">
        <Loading label="Loading panel rounds…" />
      </Page>
    );
  return (
    <Page
      title="Panel rounds"
      intro={
        <p>
          Submitted portfolios join the next open round. Members judge each standard and record an outcome: approved, or
          resubmit with suggestions.
        </p>
      }
    >
      <AllocatedToYou />
      <Table
        caption={data.canManage ? "All panel rounds for this course" : "Panel rounds you sit on"}
        emptyMessage={data.canManage ? "No rounds yet." : "You are not on any panel round yet."}
        rows={data.rounds}
        rowKey={(r) => r.id}
        columns={[
          { header: "Round", cell: (r) => <a href={hrefFor(`/panel/rounds/${r.id}`)}>{r.name}</a>, isRowHeader: true },
          { header: "Date", cell: (r) => shortDate(r.date) },
          { header: "Status", cell: (r) => (r.status === "open" ? "Open" : "Closed") },
          { header: "Members", cell: (r) => r.members.map((m) => m.name).join(", ") },
          { header: "Portfolios", cell: (r) => r.portfolioCount, align: "end" },
        ]}
      />
      {data.canManage && <CreateRound onCreated={list.reload} />}
    </Page>
  );
}

function CreateRound({ onCreated }: { onCreated: () => void }) {
  return (
    <section aria-labelledby="new-round">
      <h2 id="new-round">Create a round</h2>
      <PanelRoundForm
        initial={{ name: "", date: "", memberUserIds: [] }}
        submitLabel="Create round"
        busyLabel="Creating…"
        resetAfterSave
        save={async (f) => {
          const round = await call(panelEndpoints.createRound, { body: f });
          onCreated();
          return `Created "${round.name}" with ${round.portfolioCount} waiting portfolio${round.portfolioCount === 1 ? "" : "s"}.`;
        }}
      />
    </section>
  );
}

/** One round: its members and the portfolio versions it holds. */
export function PanelRound({ roundId }: { roundId: string }) {
  const round = useQuery((signal) => call(panelEndpoints.round, { params: { roundId }, signal }), [roundId]);
  const canManage = useCan("manage", "PanelRound");
  const latest = useLatest(round);
  if (round.status === "error")
    return (
      <Page title="Panel round">
        <ErrorMessage error={round.error} onRetry={round.reload} />
      </Page>
    );
  if (!latest)
    return (
      <Page title="Panel round">
        <Loading />
      </Page>
    );
  const r = latest;
  return (
    <Page
      title={r.name}
      documentTitle="Panel round"
      intro={
        <p>
          Meets {shortDate(r.date)}. {r.status === "open" ? "Open" : "Closed"}. Members:{" "}
          {r.members.map((m) => m.name).join(", ")}.
        </p>
      }
    >
      <p>
        <a href={hrefFor("/panel")}>All rounds</a>
      </p>
      <AllocatedToYou roundId={r.id} />
      {canManage && (
        <details>
          <summary>Change this round</summary>
          <PanelRoundForm
            initial={{
              name: r.name,
              date: r.date.slice(0, 10),
              memberUserIds: r.members.map((m) => m.userId),
              status: r.status,
            }}
            submitLabel="Save changes"
            busyLabel="Saving…"
            save={async (f) => {
              await call(panelEndpoints.updateRound, {
                params: { roundId: r.id },
                body: { ...f, expectedVersion: r.version },
              });
              round.reload();
              return "Round saved.";
            }}
          />
        </details>
      )}
      {canManage && <ReleaseRound round={r} onReleased={round.reload} />}
      {canManage && <RoundAllocation key={r.version} roundId={r.id} isReleased={!!r.release.releasedAt} />}
      <Table
        caption="Portfolios in this round"
        emptyMessage="No portfolios in this round yet."
        rows={r.portfolios}
        rowKey={(v) => v.id}
        columns={[
          {
            header: "Mentor",
            cell: (v) => <a href={hrefFor(`/panel/versions/${v.id}`)}>{v.mentor.name}</a>,
            isRowHeader: true,
          },
          { header: "Qualification", cell: (v) => v.qualificationCode },
          { header: "Version", cell: (v) => v.number, align: "end" },
          { header: "Route", cell: (v) => (v.priorLearning ? "Prior learning" : "Standard") },
          { header: "Status", cell: (v) => statusLabel[v.status] },
        ]}
      />
    </Page>
  );
}

/** Why a round cannot be released yet, or what releasing it will do. */
function releaseText(r: TRoundDetail): string {
  const today = new Date().toISOString().slice(0, 10);
  if (r.date.slice(0, 10) > today)
    return `The panel meets on ${shortDate(r.date)}: outcomes can be released after it meets.`;
  if (r.release.undecided > 0)
    return `${r.release.undecided} portfolio${r.release.undecided === 1 ? " is" : "s are"} still without a confirmed outcome: moderation must finish first.`;
  if (r.release.decided === 0) return "There are no outcomes to release yet.";
  return `${r.release.decided} confirmed outcome${r.release.decided === 1 ? " is" : "s are"} ready. Releasing sends them to mentors with their certificates, badges and credit, and tells each mentor on their home page.`;
}

/** The lead releases a round's confirmed outcomes to mentors, once the panel has met. */
function ReleaseRound({ round, onReleased }: { round: TRoundDetail; onReleased: () => void }) {
  const action = useAction();
  const release = async () => {
    const done = await action.run(() => panelApi.release(round.id, round.version));
    if (done) {
      action.setNotice(
        `Released ${round.release.decided} outcome${round.release.decided === 1 ? "" : "s"} to mentors.`,
      );
      onReleased();
    }
  };
  return (
    <section aria-labelledby="release">
      <h2 id="release">Release outcomes</h2>
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {round.release.releasedAt ? (
        <p>Outcomes released to mentors on {shortDate(round.release.releasedAt)}.</p>
      ) : (
        <>
          <p id="release-state">{releaseText(round)}</p>
          <Button
            onClick={() => void release()}
            disabled={!round.release.canRelease}
            aria-describedby="release-state"
            isBusy={action.isBusy}
            busyLabel="Releasing…"
          >
            Release outcomes
          </Button>
        </>
      )}
    </section>
  );
}
