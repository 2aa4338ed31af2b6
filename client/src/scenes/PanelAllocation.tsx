import { useState } from "react";
import type { TAllocationRow, TMyAllocation, TRoundAllocation } from "@contracts/allocation";
import { allocationApi } from "../api/allocationApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Table } from "../components/Table";
import { hrefFor } from "../router";
import { useLatest } from "./useLatest";
import { shortDate, useAction } from "./useAction";

const SAME_SCHOOL = "Same school as the mentor: no reviewer from another school sits on this round";

/**
 * The programme lead's allocation of a round's portfolios to its reviewers: "Allocate" shares
 * them out (balanced, never the mentor themself, never the mentor's school while another
 * reviewer can take it), then the lead can change any one that nobody has reviewed yet.
 * Portfolios that join the round later wait, counted here, until the lead allocates again.
 */
export function RoundAllocation({ roundId, isReleased }: { roundId: string; isReleased: boolean }) {
  const query = useQuery((signal) => allocationApi.round(roundId, signal), [roundId]);
  const data = useLatest(query);
  const action = useAction();
  const [shown, setShown] = useState<TRoundAllocation | null>(null);
  const allocation = shown ?? data;
  if (query.status === "error")
    return (
      <section aria-labelledby="allocation">
        <h2 id="allocation">Allocation to reviewers</h2>
        <ErrorMessage error={query.error} onRetry={query.reload} />
      </section>
    );
  if (!allocation) return <Loading label="Loading the allocation…" />;

  const allocate = async () => {
    const done = await action.run(() => allocationApi.allocate(roundId));
    if (done) {
      setShown(done);
      action.setNotice(
        done.allocated === 0
          ? "Every portfolio already has its reviewer: nothing changed."
          : `Allocated ${done.allocated} portfolio${done.allocated === 1 ? "" : "s"}.`,
      );
    }
  };
  const flagged = allocation.rows.filter((r) => r.isSameSchool).length;
  return (
    <section aria-labelledby="allocation">
      <h2 id="allocation">Allocation to reviewers</h2>
      <p>
        Each portfolio goes to one reviewer for its first review, never its own mentor and never someone from the
        mentor&apos;s school while another reviewer can take it. A second review, where moderation asks for one, is
        given by another member of the round.
      </p>
      <p id="allocation-state">
        {allocation.unallocated === 0
          ? "Every portfolio has a reviewer."
          : `${allocation.unallocated} portfolio${allocation.unallocated === 1 ? " has" : "s have"} no reviewer yet.`}{" "}
        Reviewers:{" "}
        {allocation.reviewers.map((r) => `${r.name}${r.school ? ` (${r.school})` : ""}: ${r.count}`).join("; ") ||
          "none yet: add members to the round"}
        .{flagged > 0 && ` ${flagged} allocated within the mentor's school (flagged below).`}
      </p>
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {!isReleased && (
        <Button
          onClick={() => void allocate()}
          isBusy={action.isBusy}
          busyLabel="Allocating…"
          aria-describedby="allocation-state"
        >
          Allocate
        </Button>
      )}
      <Table
        caption="Portfolios and their reviewers"
        emptyMessage="No portfolios in this round yet."
        rows={allocation.rows}
        rowKey={(r) => r.versionId}
        columns={[
          {
            header: "Portfolio",
            cell: (r) => `${r.mentor.name}, ${r.qualificationCode} version ${r.number}`,
            isRowHeader: true,
          },
          { header: "Mentor's school", cell: (r) => r.mentor.school ?? "Not known" },
          {
            header: "Reviewer",
            cell: (r) => (
              <ReviewerCell
                key={r.reviewer?.userId ?? ""}
                roundId={roundId}
                row={r}
                isReleased={isReleased}
                onSaved={(next, message) => {
                  setShown(next);
                  action.setNotice(message);
                }}
              />
            ),
          },
          { header: "Flag", cell: (r) => (r.isSameSchool ? <span className="badge">⚠ {SAME_SCHOOL}</span> : "") },
        ]}
      />
    </section>
  );
}

/** One portfolio's reviewer: a choice among those the rules allow, saved with its own button. Keyed by the saved reviewer, so the choice starts again from it after each allocation. */
function ReviewerCell({
  roundId,
  row,
  isReleased,
  onSaved,
}: {
  roundId: string;
  row: TAllocationRow;
  isReleased: boolean;
  onSaved: (next: TRoundAllocation, message: string) => void;
}) {
  const [chosen, setChosen] = useState(row.reviewer?.userId ?? "");
  const action = useAction();
  if (row.lockedReason || isReleased)
    return (
      <>
        {row.reviewer?.name ?? "Not allocated"}
        {row.lockedReason ? ` (${row.lockedReason.replace(/\.$/, "")})` : ""}
      </>
    );
  const selectId = `reviewer-${row.versionId}`;
  const save = async () => {
    const next = await action.run(() => allocationApi.change(roundId, row.versionId, chosen));
    const name = row.options.find((o) => o.userId === chosen)?.name ?? chosen;
    if (next) onSaved(next, `${row.mentor.name}'s portfolio is allocated to ${name}.`);
  };
  const isCurrent = chosen === (row.reviewer?.userId ?? "");
  return (
    <div className="allocation-reviewer">
      <label htmlFor={selectId} className="visually-hidden">
        Reviewer for {row.mentor.name}&apos;s portfolio
      </label>
      <select
        id={selectId}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        aria-invalid={action.error ? true : undefined}
      >
        {!row.reviewer && <option value="">Not allocated</option>}
        {row.reviewer && !row.options.some((o) => o.userId === row.reviewer!.userId) && (
          <option value={row.reviewer.userId}>{row.reviewer.name}</option>
        )}
        {row.options.map((o) => (
          <option key={o.userId} value={o.userId}>
            {o.name}
            {o.isSameSchool ? " (same school)" : ""}
          </option>
        ))}
      </select>{" "}
      <Button
        variant="secondary"
        onClick={() => void save()}
        isBusy={action.isBusy}
        busyLabel="Saving…"
        disabled={isCurrent || chosen === ""}
      >
        Save<span className="visually-hidden"> reviewer for {row.mentor.name}</span>
      </Button>
      {action.error ? <ErrorMessage error={action.error} /> : null}
    </div>
  );
}

/**
 * The portfolios allocated to the person reading, at the top of their panel pages: the ones
 * still to review first. Shows nothing to someone with none. `roundId` narrows it to one round.
 */
export function AllocatedToYou({ roundId }: { roundId?: string }) {
  const query = useQuery((signal) => allocationApi.mine(signal), []);
  const data = useLatest(query);
  if (query.status === "error") return <ErrorMessage error={query.error} onRetry={query.reload} />;
  const portfolios: TMyAllocation["portfolios"] = (data?.portfolios ?? []).filter(
    (p) => !roundId || p.round.id === roundId,
  );
  if (portfolios.length === 0) return null;
  const toReview = portfolios.filter((p) => !p.isReviewed).length;
  return (
    <section aria-labelledby="allocated-to-you">
      <h2 id="allocated-to-you">Allocated to you</h2>
      <p>
        {toReview === 0
          ? "You have recorded your review of every portfolio allocated to you."
          : `${toReview} portfolio${toReview === 1 ? " waits" : "s wait"} for your review.`}
      </p>
      <Table
        caption="Portfolios allocated to you"
        rows={portfolios}
        rowKey={(p) => p.versionId}
        columns={[
          {
            header: "Mentor",
            cell: (p) => <a href={hrefFor(`/panel/versions/${p.versionId}`)}>{p.mentor.name}</a>,
            isRowHeader: true,
          },
          { header: "Qualification", cell: (p) => `${p.qualificationCode} version ${p.number}` },
          ...(roundId
            ? []
            : [
                {
                  header: "Round",
                  cell: (p: TMyAllocation["portfolios"][number]) => `${p.round.name}, ${shortDate(p.round.date)}`,
                },
              ]),
          { header: "Your review", cell: (p) => (p.isReviewed ? "Recorded" : "To do") },
        ]}
      />
    </section>
  );
}
