import type { Router } from "express";
import { draftsEndpoints } from "../../contracts/drafts";
import { listDrafts } from "../../queries/draftReads";
import { discardDraft, saveDraft, type DraftOwner } from "../../commands/saveDraft";
import { anyoneSignedIn, endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { courseScope } from "../../policies/scope";
import { presentDraft } from "../../presenters/draft";

// Whoever asks, the draft is theirs: the owner comes from the session, never from the request,
// so nobody can name another person's (or another course's) draft to read or overwrite it.
const ownerOf = (actor: Actor, formKey: string): DraftOwner => ({
  ...courseScope(actor),
  userId: actor.userId,
  formKey,
});

/**
 * /api/drafts — what the signed-in person has typed and not yet saved, kept as they type (#17
 * item 2). GET lists their own drafts in this course (`?form=`, repeated, for the forms of a page)
 * and writes nothing;
 * PUT /:formKey keeps the draft as it stands (one upsert); DELETE /:formKey forgets it. Anyone
 * signed in may keep drafts; each person reaches only their own.
 */
export function draftsRouter(): Router {
  const { router, implement } = endpointRouter("/api/drafts");

  implement(draftsEndpoints.list, {
    policy: anyoneSignedIn,
    handler: async ({ actor, input: { query } }) => {
      const drafts = await listDrafts({ ...courseScope(actor), userId: actor.userId, formKeys: query.form });
      return { drafts: drafts.map(presentDraft) };
    },
  });

  implement(draftsEndpoints.save, {
    policy: anyoneSignedIn,
    // Saved every few seconds while someone types, and read by no page but the form's own.
    changesNothingRead: true,
    handler: async ({ actor, input: { params, body } }) => {
      const savedAt = await saveDraft({ owner: ownerOf(actor, params.formKey), draft: body });
      return { formKey: params.formKey, savedAt: savedAt.toISOString() };
    },
  });

  implement(draftsEndpoints.discard, {
    policy: anyoneSignedIn,
    changesNothingRead: true,
    // Forgetting a draft that is not there is already done: the real save clears it whether or not one was kept.
    handler: async ({ actor, input: { params } }) => {
      await discardDraft({ owner: ownerOf(actor, params.formKey) });
    },
  });
  return router;
}
