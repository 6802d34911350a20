import type { ReactiveControllerHost } from 'lit';
import { AttachmentsController, type AttachmentsOptions } from './attachments-controller.js';
import { ComposeController, type ComposeOptions } from './compose-controller.js';
import { composeProblems, renderCompose } from './compose-view.js';
import { createDraftStore, type DraftStore } from './drafts.js';

/** One store per page: every messages element on it shares the patient's drafts. */
let pageDrafts: DraftStore | undefined;

export interface WritingOptions {
  compose: Omit<ComposeOptions, 'drafts'> & {
    /** The host's own store (tests, stories); the page's shared one when absent. */
    drafts(): DraftStore | undefined;
  };
  attachments: Omit<AttachmentsOptions, 'attached' | 'onAttached'>;
}

/**
 * Writing a message: the draft kept on the device, the send, files, and the form. One chunk, loaded when a
 * conversation or a new message opens (or ahead of that, once the patient is signed in), so that the inbox's
 * first render does not carry it.
 */
export function createWriting(host: ReactiveControllerHost, options: WritingOptions) {
  const drafts = () => options.compose.drafts() ?? (pageDrafts ??= createDraftStore());
  const compose = new ComposeController(host, { ...options.compose, drafts });
  const attachments = new AttachmentsController(host, {
    ...options.attachments,
    attached: () => compose.draft.attachments ?? [],
    onAttached: (attachment) => compose.edit({ attachments: [...(compose.draft.attachments ?? []), attachment] }),
  });
  return {
    compose,
    attachments,
    drafts,
    render: renderCompose,
    problems: composeProblems,
    /** Whether the patient has any saved draft on this device (another conversation's included). */
    hasSaved: (patient: string) => drafts().hasAny(patient).catch(() => false),
  };
}

export type Writing = ReturnType<typeof createWriting>;
