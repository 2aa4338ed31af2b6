import { useState } from "react";
import { programmeEndpoints, type TProgrammeResponse } from "@contracts/programme";
import type { EndpointBodyIn } from "@contracts/endpoint";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { useCan } from "../SessionContext";
import { pounds, shortDate, useAction } from "./useAction";

type Definition = TProgrammeResponse["definition"];

/**
 * The programme in force for this course — modules, standards, funding and credit — and, for
 * programme leads, loading the partnership's own programme file without any code change.
 */
export function Programme() {
  const [tick, setTick] = useState(0);
  const loaded = useQuery((signal) => call(programmeEndpoints.current, { signal }), [tick]);
  const canLoad = useCan("manage", "Programme");
  const [message, setMessage] = useState("");
  if (loaded.status === "error")
    return (
      <Page title="Programme">
        <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      </Page>
    );
  if (loaded.status === "loading" || !loaded.data)
    return (
      <Page title="Programme">
        <Loading label="Loading the programme…" />
      </Page>
    );
  const p = loaded.data;
  const d = p.definition;
  return (
    <Page
      title="Programme"
      intro={
        <p>
          {d.title}, {d.partnership}: version {p.version} ({p.code}).
        </p>
      }
    >
      <p role="status" aria-live="polite">
        {message}
      </p>
      <Modules definition={d} />
      <Standards definition={d} />
      <Funding definition={d} />
      <section aria-labelledby="credit">
        <h2 id="credit">Credit</h2>
        <p>
          {d.creditRule.title}: {d.creditRule.credits} credits at FHEQ level {d.creditRule.fheqLevel} (
          {d.creditRule.notionalHours} notional hours), transcript code {d.creditRule.transcriptCode}. Needs modules{" "}
          {d.creditRule.requiredModules.join(", ")} and an approved {d.creditRule.requiredQualification} portfolio.
        </p>
      </section>
      {canLoad && (
        <LoadProgramme
          current={p}
          onLoaded={(version) => {
            setMessage(
              `Version ${version} is now in force for this course. Work recorded earlier keeps the version it was made under.`,
            );
            setTick((t) => t + 1);
          }}
        />
      )}
    </Page>
  );
}

function Modules({ definition: d }: { definition: Definition }) {
  return (
    <section aria-labelledby="modules">
      <h2 id="modules">Modules</h2>
      <Table
        caption="Modules by level"
        rows={d.modules}
        rowKey={(m) => m.code}
        columns={[
          { header: "Module", cell: (m) => `Module ${m.number}: ${m.title}`, isRowHeader: true },
          { header: "Level", cell: (m) => d.levels.find((l) => l.code === m.level)?.title ?? m.level },
          { header: "Hours", cell: (m) => m.notionalHours, align: "end" },
          {
            header: "Needs first",
            cell: (m) => [...m.prerequisites, ...m.requiresAudits.map((a) => `${a} audit`)].join(", ") || "—",
          },
          {
            header: "Marked as",
            cell: (m) =>
              m.marking.scheme === "score"
                ? `Score out of ${m.marking.maximum} (pass ${m.marking.passMark})`
                : "Pass or resubmit",
          },
        ]}
      />
    </section>
  );
}

function Standards({ definition: d }: { definition: Definition }) {
  return (
    <section aria-labelledby="standards">
      <h2 id="standards">Mentor standards</h2>
      {d.standards.map((s) => (
        <details key={s.code}>
          <summary>
            {s.code}. {s.title} ({s.descriptors.length} descriptors)
          </summary>
          <p>{s.summary}</p>
          <ul>
            {s.descriptors.map((x) => (
              <li key={x.code}>
                {x.code} {x.text}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}

function Funding({ definition: d }: { definition: Definition }) {
  return (
    <section aria-labelledby="funding">
      <h2 id="funding">Training-hours funding</h2>
      <Table
        caption="Hours schools can claim per mentor"
        rows={d.funding.years}
        rowKey={(y) => y.academicYear}
        columns={[
          { header: "Academic year", cell: (y) => y.academicYear, isRowHeader: true },
          { header: "Initial training (hours)", cell: (y) => y.initialCapHours, align: "end" },
          { header: "Refresher (hours)", cell: (y) => y.refresherCapHours, align: "end" },
        ]}
      />
      <Table
        caption="Hourly rates"
        rows={d.funding.rateBands}
        rowKey={(b) => b.code}
        columns={[
          { header: "Rate band", cell: (b) => b.label, isRowHeader: true },
          { header: "Per hour", cell: (b) => pounds(b.pencePerHour), align: "end" },
        ]}
      />
    </section>
  );
}

/** A programme lead loads a JSON programme file; the server validates it and names any bad field. */
function LoadProgramme({ current, onLoaded }: { current: TProgrammeResponse; onLoaded: (version: number) => void }) {
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [readError, setReadError] = useState("");

  async function load() {
    setReadError("");
    if (!file) return setReadError("Choose a programme file (.json) first.");
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      return setReadError(
        `${file.name} is not valid JSON. Start from the current programme (download it below) and edit that.`,
      );
    }
    // The file goes as it was read: the server checks it and names each problem by where it is in the file.
    const saved = await action.run(() =>
      call(programmeEndpoints.load, { body: body as EndpointBodyIn<typeof programmeEndpoints.load> }),
    );
    if (saved) onLoaded(saved.version);
  }

  function downloadCurrent() {
    const blob = new Blob([JSON.stringify(current.definition, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `${current.code}-v${current.version}.json`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section aria-labelledby="load">
      <h2 id="load">Load your partnership's programme</h2>
      <p>
        Upload a programme file to use it for this course. Give it a new version number; work already recorded keeps the
        version it was made under.
      </p>
      {action.error ? <ErrorMessage error={action.error} title="The programme was not loaded" /> : null}
      <Field
        label="Programme file"
        hint="A JSON file in the same shape as the current programme."
        error={readError || undefined}
      >
        {(c) => (
          <input
            {...c}
            type="file"
            accept="application/json,.json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <div className="actions">
        <Button onClick={() => void load()} isBusy={action.isBusy}>
          Load programme
        </Button>
        <Button variant="secondary" onClick={downloadCurrent}>
          Download the current programme
        </Button>
      </div>
      {current.history.length > 0 && (
        <Table
          caption="Programme versions used by this course"
          rows={current.history}
          rowKey={(h) => `${h.versionId}-${h.assignedAt}`}
          columns={[
            { header: "Version id", cell: (h) => h.versionId, isRowHeader: true },
            { header: "Loaded by", cell: (h) => h.assignedBy },
            { header: "Loaded on", cell: (h) => shortDate(h.assignedAt) },
          ]}
        />
      )}
    </section>
  );
}
