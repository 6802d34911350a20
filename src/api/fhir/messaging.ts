import type {
  AttachmentMeta,
  ListResult,
  Message,
  MessageChanges,
  MessageLimits,
  MessageTopic,
  ReadReceipt,
  Recipient,
  Thread,
  ThreadWithMessages,
  UploadedAttachment,
} from '../../model/index.js';
import { ApiError, isApiError } from '../errors.js';
import type { MessagingApi } from '../portal-api.js';
import { versionFromEtag, type FhirClient } from './client.js';
import { buildCommunicationCreate, buildReadMark, buildThreads, communicationIdFor, mapCommunication, mapPractitioner } from './map/index.js';
import { clientRequestIdOf, isInstant, isRecord, referenceIdOf } from './map/common.js';
import { listClinicians } from './scheduling.js';

/** What `createFhirAdapter({ messaging })` sets for every recipient (a FHIR server publishes neither). */
export interface FhirMessagingOptions {
  /** Topics offered for a new thread, in order. Default: none (the patient writes a subject only). */
  topics?: MessageTopic[];
  /** Limits of one message; each field not given keeps its default ({@link DEFAULT_MESSAGE_LIMITS}). */
  limits?: Partial<MessageLimits>;
}

/**
 * Defaults from the portals patients know: MyChart's 1,500-character body, Oracle Health's five attachments, and
 * the image and PDF types every portal takes. 10 MB keeps a base64 Binary (a third larger) within what servers accept.
 */
export const DEFAULT_MESSAGE_LIMITS: Readonly<MessageLimits> = Object.freeze({
  maxAttachments: 5,
  maxBytes: 10 * 1024 * 1024,
  contentTypes: ['image/jpeg', 'image/png', 'application/pdf'],
  maxBodyLength: 1500,
});

/**
 * Largest file carried inline in the Communication when the server takes no Binary: a message with megabytes
 * of base64 inside would make every thread listing heavy (and many servers cap the resource size).
 */
export const INLINE_ATTACHMENT_MAX_BYTES = 64 * 1024;

/** Failures that mean "this server does not take Binary" rather than "try again later". */
const REFUSED_STATUSES = new Set([400, 403, 404, 405, 422, 501]);

/** How this server lets a send be exactly once (read from its CapabilityStatement for Communication). */
interface SendPlan {
  conditionalCreate: boolean;
  updateCreate: boolean;
}

/** An unreadable statement is taken as conditional create, as booking does: every retry still looks first. */
export function sendPlanFrom(capabilityStatement: unknown): SendPlan {
  const plan: SendPlan = { conditionalCreate: true, updateCreate: false };
  if (!isRecord(capabilityStatement) || !Array.isArray(capabilityStatement.rest)) return plan;
  for (const rest of capabilityStatement.rest) {
    for (const resource of isRecord(rest) && Array.isArray(rest.resource) ? rest.resource : []) {
      if (isRecord(resource) && resource.type === 'Communication') {
        return { conditionalCreate: resource.conditionalCreate === true, updateCreate: resource.updateCreate === true };
      }
    }
  }
  return plan;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode with one argument per byte overflows the stack on large files.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Messaging on FHIR R4 Communication (threads by `partOf`/`inResponseTo`), Binary (attachments) and a portal-kit
 * read-mark extension. Every search is scoped to the patient of the token.
 */
export function fhirMessaging(fhir: FhirClient, options: FhirMessagingOptions = {}): MessagingApi {
  const topics = (options.topics ?? []).map((topic) => ({ ...topic }));
  const limits: MessageLimits = { ...DEFAULT_MESSAGE_LIMITS, ...options.limits, contentTypes: [...(options.limits?.contentTypes ?? DEFAULT_MESSAGE_LIMITS.contentTypes)] };
  // Read marks the server refused to store, for this adapter's life (this session on this device): message id → instant.
  const readHere: Record<string, string> = {};
  let plan: Promise<SendPlan> | undefined;

  async function sendPlan(signal: AbortSignal): Promise<SendPlan> {
    plan ??= fhir.capabilities(signal).then(sendPlanFrom, () => sendPlanFrom(undefined));
    return plan;
  }

  async function patientCommunications(operation: string, signal: AbortSignal) {
    const patientId = fhir.patientId(operation);
    const found = await fhir.search(
      `Communication?subject=${encodeURIComponent(`Patient/${patientId}`)}&_sort=-sent&_count=100&_include=Communication:sender`,
      operation,
      signal,
      10,
    );
    const names: Record<string, string> = {};
    for (const resource of found.included) {
      const mapped = mapPractitioner(resource);
      if (mapped.ok && isRecord(resource)) names[`${resource.resourceType}/${resource.id}`] = mapped.value.name;
    }
    return { ...buildThreads(found.matches, { patientId, names, readAt: readHere }), truncated: found.truncated };
  }

  function messageFrom(resource: unknown, operation: string): Message {
    const mapped = mapCommunication(resource, { patientId: fhir.patientId(operation), readAt: readHere });
    if (!mapped.ok) throw new ApiError('invalid-response', { operation });
    return mapped.value;
  }

  /** The Communication at `id`, or undefined when the server has none there (404/410). */
  async function readIfThere(id: string, operation: string, signal: AbortSignal) {
    try {
      return (await fhir.read('Communication', id, operation, signal)).body;
    } catch (error) {
      if (isApiError(error) && (error.status === 404 || error.status === 410)) return undefined;
      throw error;
    }
  }

  /**
   * Update as create under an id derived from the key: on a server without conditional create, a browser that
   * resends a dropped request (Chromium does, a PUT or POST alike, on each idle connection) then rewrites the same
   * message instead of storing another. A message already there with this key is the earlier try: answered as is.
   */
  async function putOnce(id: string, resource: Record<string, unknown>, key: string, operation: string, signal: AbortSignal) {
    const earlier = async () => {
      const found = await readIfThere(id, operation, signal);
      if (found === undefined) return undefined;
      // An id taken by something that is not this send (another key, another patient's) is no place to write.
      if (clientRequestIdOf(found) !== key || referenceIdOf(found.subject, ['Patient']) !== fhir.patientId(operation)) {
        throw new ApiError('conflict', { operation });
      }
      return found;
    };
    const put = () => fhir.update('Communication', { ...resource, id }, undefined, operation, signal);
    const before = await earlier();
    if (before) return before;
    try {
      return await put();
    } catch (error) {
      if (!isApiError(error) || (error.kind !== 'network' && error.kind !== 'server')) throw error;
      return (await earlier()) ?? (await put());
    }
  }

  return {
    async listThreads(signal): Promise<ListResult<Thread>> {
      const { threads, dropped, truncated } = await patientCommunications('messaging.listThreads', signal);
      return { items: threads, dropped, truncated };
    },

    async getThread(threadId, signal): Promise<ThreadWithMessages> {
      const operation = 'messaging.getThread';
      const { threads, messagesByThread, dropped } = await patientCommunications(operation, signal);
      const thread = threads.find((candidate) => candidate.id === threadId);
      if (!thread) throw new ApiError('not-found', { operation });
      return { thread, messages: messagesByThread[threadId] ?? [], dropped };
    },

    async listRecipients(signal): Promise<ListResult<Recipient>> {
      const operation = 'messaging.listRecipients';
      const patientId = fhir.patientId(operation);
      const [people, teams] = await Promise.all([
        listClinicians(fhir, operation, signal),
        // A server without CareTeam (or that refuses it) still has clinicians to write to.
        fhir
          .search(`CareTeam?patient=${encodeURIComponent(`Patient/${patientId}`)}&status=active`, operation, signal)
          .catch((error: unknown) => {
            if (isApiError(error) && !error.retryable) return { matches: [] as unknown[], truncated: false };
            throw error;
          }),
      ]);
      // Each recipient gets its own copies: a caller changing one changes no other, nor the adapter's defaults.
      const offer = () => ({ topics: topics.map((topic) => ({ ...topic })), limits: { ...limits, contentTypes: [...limits.contentTypes] } });
      const items: Recipient[] = people.items.map(({ id, name, role }) => ({ id, kind: 'practitioner', name, ...(role ? { role } : {}), ...offer() }));
      for (const team of teams.matches) {
        if (isRecord(team) && typeof team.id === 'string' && typeof team.name === 'string' && team.name.trim()) {
          items.push({ id: team.id, kind: 'care-team', name: team.name, ...offer() });
        }
      }
      return { items, dropped: people.dropped, truncated: people.truncated || teams.truncated };
    },

    async send(message, signal): Promise<Message> {
      const operation = 'messaging.send';
      const patientId = fhir.patientId(operation);
      const resource = buildCommunicationCreate({
        message,
        patientId,
        rootCommunicationId: message.threadId,
        sentAt: new Date().toISOString(),
      });
      const { conditionalCreate, updateCreate } = await sendPlan(signal);
      const id = communicationIdFor(message.clientRequestId);
      // If-None-Exist, and a look for the key before any second try.
      const create = () => fhir.createOnce('Communication', resource as Record<string, unknown>, message.clientRequestId, operation, signal);
      if (conditionalCreate || !updateCreate || id === undefined) return messageFrom(await create(), operation);
      try {
        return messageFrom(await putOnce(id, resource as Record<string, unknown>, message.clientRequestId, operation, signal), operation);
      } catch (error) {
        // The server offers update as create, but not to this patient (a grant without update, a policy on ids):
        // refused before anything was stored, so a create is the one write.
        if (isApiError(error) && (error.kind === 'forbidden' || error.status === 405 || error.status === 400 || error.status === 422)) {
          return messageFrom(await create(), operation);
        }
        throw error;
      }
    },

    async uploadAttachment(file, signal): Promise<UploadedAttachment> {
      const operation = 'messaging.uploadAttachment';
      const patientId = fhir.patientId(operation);
      const bytes = new Uint8Array(await file.bytes.arrayBuffer());
      signal.throwIfAborted();
      const data = base64Of(bytes);
      const meta = { title: file.name, contentType: file.contentType, size: bytes.length };
      try {
        // securityContext: whoever may read the patient's data may read the file, and no one else.
        const response = await fhir.http.request(
          'Binary',
          { method: 'POST', body: { resourceType: 'Binary', contentType: file.contentType, securityContext: { reference: `Patient/${patientId}` }, data } },
          operation,
          signal,
        );
        const id = isRecord(response.body) && response.body.resourceType === 'Binary' && typeof response.body.id === 'string'
          ? response.body.id
          : response.location?.match(/Binary\/([A-Za-z0-9\-.]{1,64})/)?.[1];
        if (id === undefined) throw new ApiError('invalid-response', { operation, status: response.status });
        return { ...meta, url: `Binary/${id}` };
      } catch (error) {
        // A server that takes no Binary: small files travel inside the message; larger ones cannot go.
        const refused = isApiError(error) && error.status !== undefined && REFUSED_STATUSES.has(error.status);
        if (refused && bytes.length <= INLINE_ATTACHMENT_MAX_BYTES) return { ...meta, data };
        throw error;
      }
    },

    async fetchAttachment(attachment: AttachmentMeta, signal): Promise<Blob> {
      const operation = 'messaging.fetchAttachment';
      fhir.patientId(operation);
      const type = attachment.contentType ?? 'application/octet-stream';
      if (attachment.url === undefined) {
        if (attachment.data === undefined) throw new ApiError('not-found', { operation });
        return new Blob([bytesOf(attachment.data)], { type });
      }
      // Only the FHIR base is asked, where the token may go; a link anywhere else is never followed.
      const url = fhir.http.resolve(attachment.url);
      if (!fhir.http.isUnderBase(url)) throw new ApiError('not-found', { operation });
      const { body } = await fhir.http.request(url.href, { method: 'GET' }, operation, signal);
      if (!isRecord(body) || body.resourceType !== 'Binary' || typeof body.data !== 'string') throw new ApiError('invalid-response', { operation });
      return new Blob([bytesOf(body.data)], { type });
    },

    async markRead(threadId, signal): Promise<ReadReceipt> {
      const operation = 'messaging.markRead';
      const { messagesByThread, threads } = await patientCommunications(operation, signal);
      if (!threads.some((thread) => thread.id === threadId)) throw new ApiError('not-found', { operation });
      const unread = (messagesByThread[threadId] ?? []).filter((m) => !m.read && !m.fromPatient);
      const readAt = new Date().toISOString();
      let sessionOnly = false;
      for (const message of unread) {
        if (sessionOnly) {
          readHere[message.id] = readAt;
          continue;
        }
        try {
          // Read the current version and add only the mark, under If-Match: a change made meanwhile is not overwritten.
          for (let attempt = 0; ; attempt++) {
            const current = await fhir.read('Communication', message.id, operation, signal);
            const version = (isRecord(current.body.meta) && typeof current.body.meta.versionId === 'string' ? current.body.meta.versionId : undefined) ?? versionFromEtag(current.etag);
            try {
              await fhir.update('Communication', buildReadMark(current.body, readAt), version, operation, signal);
              break;
            } catch (error) {
              // Changed meanwhile (a staff edit, another device marking it): read again once, then give up on the server.
              if (!isApiError(error) || error.kind !== 'conflict' || attempt > 0) throw error;
            }
          }
        } catch (error) {
          if (!isApiError(error) || ['network', 'unauthorized', 'server', 'rate-limited'].includes(error.kind)) throw error;
          // The server will not store read state (no update for patients, a refused extension): this session keeps it.
          sessionOnly = true;
          readHere[message.id] = readAt;
        }
      }
      return { messageIds: unread.map((m) => m.id), sessionOnly };
    },

    async changesSince(since, signal): Promise<MessageChanges> {
      const operation = 'messaging.changesSince';
      if (!isInstant(since)) throw new ApiError('invalid-response', { operation });
      const patient = encodeURIComponent(`Patient/${fhir.patientId(operation)}`);
      const changed = await fhir.search(
        `Communication?subject=${patient}&_lastUpdated=${encodeURIComponent(`gt${since}`)}&_count=100`,
        operation,
        signal,
        10,
      );
      // The next instant comes from the server's own stamps, so this device's clock never opens a gap.
      let next = since;
      const ids = new Set<string>();
      for (const resource of changed.matches) {
        if (!isRecord(resource) || typeof resource.id !== 'string') continue;
        const stamp = isRecord(resource.meta) ? resource.meta.lastUpdated : undefined;
        // A server that ignores `_lastUpdated` answers everything: its own stamps still tell what is new.
        if (isInstant(stamp) && Date.parse(stamp) <= Date.parse(since)) continue;
        ids.add(resource.id);
        if (isInstant(stamp) && Date.parse(stamp) > Date.parse(next)) next = stamp;
      }
      if (ids.size === 0) return { threads: [], next, dropped: 0, truncated: changed.truncated };
      // Threads are the chains the changed messages belong to: read the conversations whole, as listThreads does.
      const all = await patientCommunications(operation, signal);
      const touched = new Set(Object.entries(all.messagesByThread).flatMap(([threadId, list]) => (list.some((m) => ids.has(m.id)) ? [threadId] : [])));
      return {
        threads: all.threads.filter((thread) => touched.has(thread.id)),
        next,
        dropped: all.dropped,
        truncated: changed.truncated || all.truncated,
      };
    },
  };
}
