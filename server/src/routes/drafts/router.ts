import { Router } from "express";
import { ZDraftList, ZDraftListQuery, ZDraftParams, ZDraftSave, ZDraftSaved } from "../../contracts/drafts";
import { listDrafts } from "../../queries/draftReads";
import { discardDraft, saveDraft, type DraftOwner } from "../../commands/saveDraft";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { Actor } from "../../lti/sessionToken";
import { courseScope } from "../../policies/scope";
import { presentDraft } from "../../presenters/draft";

// Whoever asks, the draft is theirs: the owner comes from the session, never from the request,
// so nobody can name another person's (or another course's) draft to read or overwrite it.
const ownerOf = (actor: Actor, formKey: string): DraftOwner => ({ ...courseScope(actor), userId: actor.userId, formKey });

/**
 * /api/drafts — what the signed-in person has typed and not yet saved, kept as they type (#17
 * item 2). GET lists their own drafts in this course (`?form=`, repeated, for the forms of a page)
 * and writes nothing;
 * PUT /:formKey keeps the draft as it stands (one upsert); DELETE /:formKey forgets it. Anyone
 * signed in may keep drafts; each person reaches only their own.
 */
export function draftsRouter(): Router {
  const router = Router();

  const list = { query: ZDraftListQuery };
  router.get("/", validate(list), handle(async (req, res) => {
    const actor = actorOf(req);
    const { query } = inputOf(req, list);
    const drafts = await listDrafts({ ...courseScope(actor), userId: actor.userId, formKeys: query.form });
    res.json(ZDraftList.parse({ drafts: drafts.map(presentDraft) }));
  }));

  const save = { params: ZDraftParams, body: ZDraftSave };
  router.put("/:formKey", validate(save), handle(async (req, res) => {
    const actor = actorOf(req);
    const { params, body } = inputOf(req, save);
    const savedAt = await saveDraft({ owner: ownerOf(actor, params.formKey), draft: body });
    res.json(ZDraftSaved.parse({ formKey: params.formKey, savedAt: savedAt.toISOString() }));
  }));

  const discard = { params: ZDraftParams };
  router.delete("/:formKey", validate(discard), handle(async (req, res) => {
    const actor = actorOf(req);
    const { params } = inputOf(req, discard);
    // Forgetting a draft that is not there is already done: the real save clears it whether or not one was kept.
    await discardDraft({ owner: ownerOf(actor, params.formKey) });
    res.status(204).end();
  }));
  return router;
}
