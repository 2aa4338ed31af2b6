import { useState } from "react";
import { ZPanelCandidates, ZRound, ZRoundDetail, ZRoundList } from "@contracts/panel";
import { apiRequest } from "../api/http";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { hrefFor } from "../router";
import { statusLabel } from "./portfolioWords";
import { shortDate, useAction } from "./useAction";

/** Panel rounds: the lead creates them; members see the rounds they sit on. */
export function PanelRounds() {
  const list = useQuery((signal) => apiRequest("GET", "/api/panel/rounds", { schema: ZRoundList, signal }), []);
  if (list.status === "loading") return <Page title="Panel rounds"><Loading label="Loading panel rounds…" /></Page>;
  if (list.status === "error") return <Page title="Panel rounds"><ErrorMessage error={list.error} onRetry={list.reload} /></Page>;
  return (
    <Page title="Panel rounds" intro={<p>Submitted portfolios join the next open round. Members judge each standard and record an outcome: approved, or resubmit with suggestions.</p>}>
      <Table
        caption={list.data.canManage ? "All panel rounds for this course" : "Panel rounds you sit on"}
        emptyMessage={list.data.canManage ? "No rounds yet." : "You are not on any panel round yet."}
        rows={list.data.rounds}
        rowKey={(r) => r.id}
        columns={[
          { header: "Round", cell: (r) => <a href={hrefFor(`/panel/rounds/${r.id}`)}>{r.name}</a>, isRowHeader: true },
          { header: "Date", cell: (r) => shortDate(r.date) },
          { header: "Status", cell: (r) => (r.status === "open" ? "Open" : "Closed") },
          { header: "Members", cell: (r) => r.members.map((m) => m.name).join(", ") },
          { header: "Portfolios", cell: (r) => r.portfolioCount, align: "end" },
        ]}
      />
      {list.data.canManage && <CreateRound onCreated={list.reload} />}
    </Page>
  );
}

function CreateRound({ onCreated }: { onCreated: () => void }) {
  const people = useQuery((signal) => apiRequest("GET", "/api/panel/candidates", { schema: ZPanelCandidates, signal }), []);
  const [name, setName] = useState("");
  const [date, setDate] = useState("");
  const [members, setMembers] = useState<string[]>([]);
  const [message, setMessage] = useState("");
  const action = useAction();
  const create = async () => {
    const round = await action.run(() => apiRequest("POST", "/api/panel/rounds", { body: { name, date, memberUserIds: members }, schema: ZRound }));
    if (round) { setMessage(`Created "${round.name}" with ${round.portfolioCount} waiting portfolio${round.portfolioCount === 1 ? "" : "s"}.`); setName(""); setDate(""); setMembers([]); onCreated(); }
  };
  return (
    <section aria-labelledby="new-round">
      <h2 id="new-round">Create a round</h2>
      <p role="status" aria-live="polite">{message}</p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <form onSubmit={(e) => { e.preventDefault(); void create(); }} noValidate>
        <Field label="Name" hint="For example: Spring 2027 panel" error={action.fieldErrors.name}>{(c) => <input {...c} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <Field label="Date the panel meets" error={action.fieldErrors.date}>{(c) => <input {...c} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}</Field>
        <fieldset className="field">
          <legend className="field__label">Members</legend>
          <p className="field__hint">Tutors and leads of this course who have opened the tool or appear on the roster.</p>
          {action.fieldErrors.memberUserIds && <p className="field__error">{action.fieldErrors.memberUserIds}</p>}
          {people.status === "ready" ? people.data.people.map((p) => (
            <div key={p.userId}>
              <input type="checkbox" id={`m-${p.userId}`} checked={members.includes(p.userId)} onChange={(e) => setMembers((all) => (e.target.checked ? [...all, p.userId] : all.filter((x) => x !== p.userId)))} />{" "}
              <label htmlFor={`m-${p.userId}`}>{p.name}</label>
            </div>
          )) : people.status === "error" ? <ErrorMessage error={people.error} /> : <Loading />}
        </fieldset>
        <Button type="submit" isBusy={action.isBusy} busyLabel="Creating…">Create round</Button>
      </form>
    </section>
  );
}

/** One round: its members and the portfolio versions it holds. */
export function PanelRound({ roundId }: { roundId: string }) {
  const round = useQuery((signal) => apiRequest("GET", `/api/panel/rounds/${roundId}`, { schema: ZRoundDetail, signal }), [roundId]);
  if (round.status === "loading") return <Page title="Panel round"><Loading /></Page>;
  if (round.status === "error") return <Page title="Panel round"><ErrorMessage error={round.error} onRetry={round.reload} /></Page>;
  const r = round.data;
  return (
    <Page title={r.name} documentTitle="Panel round" intro={<p>Meets {shortDate(r.date)}. {r.status === "open" ? "Open" : "Closed"}. Members: {r.members.map((m) => m.name).join(", ")}.</p>}>
      <p><a href={hrefFor("/panel")}>All rounds</a></p>
      <Table
        caption="Portfolios in this round"
        emptyMessage="No portfolios in this round yet."
        rows={r.portfolios}
        rowKey={(v) => v.id}
        columns={[
          { header: "Mentor", cell: (v) => <a href={hrefFor(`/panel/versions/${v.id}`)}>{v.mentor.name}</a>, isRowHeader: true },
          { header: "Qualification", cell: (v) => v.qualificationCode },
          { header: "Version", cell: (v) => v.number, align: "end" },
          { header: "Route", cell: (v) => (v.priorLearning ? "Prior learning" : "Standard") },
          { header: "Status", cell: (v) => statusLabel[v.status] },
        ]}
      />
    </Page>
  );
}
