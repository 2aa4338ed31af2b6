import { useEffect, useRef, useState } from "react";
import type { TDeepLinkingResponse } from "@contracts/deepLinking";
import { gradebookApi } from "../api/gradebookApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";

/** Shown when a tutor adds the tool to a course: pick what to place; the VLE makes graded columns. */
export function PlaceContent() {
  const options = useQuery((signal) => gradebookApi.placeOptions(signal), []);
  const [chosen, setChosen] = useState<string[]>([]);
  const [isMissingChoice, setIsMissingChoice] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error: unknown; form: TDeepLinkingResponse["form"] | null }>({
    busy: false,
    error: null,
    form: null,
  });
  const formRef = useRef<HTMLFormElement>(null);

  // The signed answer goes back to the VLE as a form post, as Deep Linking requires.
  useEffect(() => {
    if (state.form) formRef.current?.submit();
  }, [state.form]);

  const toggle = (target: string, multiple: boolean) => {
    setIsMissingChoice(false);
    setChosen((c) => (c.includes(target) ? c.filter((t) => t !== target) : multiple ? [...c, target] : [target]));
  };

  const place = async () => {
    setState({ busy: true, error: null, form: null });
    try {
      const res = await gradebookApi.place(chosen);
      setState({ busy: false, error: null, form: res.form });
    } catch (error) {
      setState({ busy: false, error, form: null });
    }
  };

  return (
    <Page
      title="Add Mentor Pathways to your course"
      intro={<p>Choose what to place. Graded items get a column in the VLE gradebook.</p>}
    >
      {options.status === "loading" && <Loading />}
      {options.status === "error" && <ErrorMessage error={options.error} onRetry={options.reload} />}
      {options.status === "ready" && (
        // Pressing Place with nothing chosen used to do nothing at all: say why instead.
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen.length) void place();
            else setIsMissingChoice(true);
          }}
        >
          <fieldset aria-describedby={isMissingChoice ? "place-missing" : undefined}>
            <legend>What to place</legend>
            {isMissingChoice && (
              <p id="place-missing" className="field__error" role="alert">
                Choose at least one item to place.
              </p>
            )}
            {options.data.items.map((item) => (
              <div key={item.target} className="field">
                <input
                  id={`place-${item.target}`}
                  type={options.data.acceptMultiple ? "checkbox" : "radio"}
                  name="target"
                  checked={chosen.includes(item.target)}
                  onChange={() => toggle(item.target, options.data.acceptMultiple)}
                  aria-describedby={`place-${item.target}-hint`}
                />{" "}
                <label htmlFor={`place-${item.target}`}>{item.title}</label>
                <p id={`place-${item.target}-hint`} className="field__hint">
                  {item.description} {item.gradebook ? `Graded out of ${item.gradebook.scoreMaximum}.` : "Not graded."}
                </p>
              </div>
            ))}
          </fieldset>
          {state.error !== null && <ErrorMessage error={state.error} />}
          <Button type="submit" isBusy={state.busy} busyLabel="Placing…">
            Place {chosen.length > 0 ? `${chosen.length} item${chosen.length > 1 ? "s" : ""}` : "in the course"}
          </Button>
        </form>
      )}
      {state.form && (
        <form ref={formRef} method="post" action={state.form.action}>
          <input type="hidden" name="JWT" value={state.form.fields.JWT} />
          <p role="status">Returning you to your course…</p>
          <Button type="submit">Continue to your course</Button>
        </form>
      )}
    </Page>
  );
}
