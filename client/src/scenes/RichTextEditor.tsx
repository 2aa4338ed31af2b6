import { useEffect, useRef } from "react";
import type { FieldControlProps } from "../components/Field";

/**
 * A small rich-text box for reflective writing: bold, italic and lists. The server keeps only
 * safe formatting, so what is pasted here cannot carry a script into the tool.
 */
export function RichTextEditor({
  control,
  value,
  onChange,
  label,
}: {
  control: FieldControlProps;
  value: string;
  onChange: (html: string) => void;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Set the content only when it differs, so typing does not move the caret.
  useEffect(() => {
    if (ref.current && ref.current.innerHTML !== value) ref.current.innerHTML = value;
  }, [value]);
  const format = (command: string) => {
    ref.current?.focus();
    document.execCommand(command);
    onChange(ref.current?.innerHTML ?? "");
  };
  return (
    <div>
      <div
        role="toolbar"
        aria-label={`Formatting for ${label}`}
        style={{ display: "flex", gap: "0.5rem", marginBottom: "0.25rem" }}
      >
        <button type="button" className="button button--secondary" onClick={() => format("bold")}>
          Bold
        </button>
        <button type="button" className="button button--secondary" onClick={() => format("italic")}>
          Italic
        </button>
        <button type="button" className="button button--secondary" onClick={() => format("insertUnorderedList")}>
          Bulleted list
        </button>
      </div>
      <div
        ref={ref}
        {...control}
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        contentEditable
        suppressContentEditableWarning
        onInput={() => onChange(ref.current?.innerHTML ?? "")}
        style={{
          minHeight: "8rem",
          border: "1px solid #6b7684",
          borderRadius: 4,
          padding: "0.5rem",
          background: "#fff",
        }}
      />
    </div>
  );
}
