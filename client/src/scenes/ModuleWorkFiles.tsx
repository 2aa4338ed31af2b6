import { attachmentRules } from "@contracts/evidence";
import { modulesEndpoints, type TModuleDetail } from "@contracts/modules";
import { call, download } from "../api/call";
import { ApiError } from "../api/http";
import { Button } from "../components/Button";
import { ConfirmButton } from "../components/ConfirmButton";
import { Field } from "../components/Field";
import { sizeText } from "./Evidence";
import type { useAction } from "./useAction";

/**
 * The files on a mentor's module work: listed for anyone who may see the work, attached and
 * removed by the mentor while the work is theirs to change. Uploads go through the same checks
 * as evidence attachments; a file over the limit is refused here before a byte is sent.
 */
export function ModuleWorkFiles({
  module,
  action,
  onChange,
  mentorUserId,
}: {
  module: TModuleDetail;
  action: ReturnType<typeof useAction>;
  onChange: (m: TModuleDetail) => void;
  mentorUserId?: string;
}) {
  const moduleCode = module.code;
  if (!module.canEdit && module.workFiles.length === 0) return null;

  const upload = async (file: File) => {
    if (file.size > attachmentRules.maxBytes) {
      action.refuse(
        new ApiError(
          413,
          "payload_too_large",
          `“${file.name}” is ${sizeText(file.size)}; files can be up to ${sizeText(attachmentRules.maxBytes)}. Please choose a smaller file.`,
        ),
      );
      return;
    }
    const form = new FormData();
    form.append("file", file);
    const updated = await action.run(() => call(modulesEndpoints.addWorkFile, { params: { moduleCode }, body: form }));
    if (updated) {
      onChange(updated);
      action.setNotice(`Attached “${file.name}” to your module work.`);
    }
  };
  const remove = async (id: string, filename: string) => {
    const updated = await action.run(() =>
      call(modulesEndpoints.removeWorkFile, { params: { moduleCode, fileId: id } }),
    );
    if (updated) {
      onChange(updated);
      action.setNotice(`Removed “${filename}” from your module work.`);
    }
  };

  return (
    <section aria-labelledby="work-files">
      <h2 id="work-files">{mentorUserId ? "Files with the work" : "Your files"}</h2>
      {module.workFiles.length === 0 ? (
        <p>No files attached yet.</p>
      ) : (
        <ul className="resource-list">
          {module.workFiles.map((f) => (
            <li key={f.id}>
              <Button
                variant="quiet"
                onClick={() =>
                  void download(modulesEndpoints.workFile, {
                    params: { moduleCode, fileId: f.id },
                    query: { mentorUserId },
                    fallbackName: f.filename,
                  })
                }
              >
                Download {f.filename}
              </Button>{" "}
              ({sizeText(f.size)})
              {module.canEdit && (
                <>
                  {" "}
                  <ConfirmButton
                    label={
                      <>
                        Remove<span className="visually-hidden"> {f.filename}</span>
                      </>
                    }
                    question={`Remove “${f.filename}” from your module work?`}
                    confirmLabel="Yes, remove"
                    onConfirm={() => void remove(f.id, f.filename)}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {module.canEdit && (
        <Field
          label="Attach a file to your module work"
          isOptional
          hint={`Files up to ${sizeText(attachmentRules.maxBytes)}: ${attachmentRules.allowed.map((a) => a.label).join(", ")}.`}
        >
          {(c) => (
            <input
              type="file"
              {...c}
              disabled={action.isBusy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void upload(file);
              }}
            />
          )}
        </Field>
      )}
    </section>
  );
}
