/**
 * Reading a publication's files over the plain fetch, within the budgets that keep a huge or endless
 * publication from exhausting memory.
 */
import { ApiError, isApiError } from '../../errors.js';
import { checkedFetch } from '../../http.js';

/** The operation internal failures carry until each caller re-labels them with its own. */
export const READ = 'scheduling.readPublication';

export interface Limits {
  maxFiles: number;
  maxLines: number;
  maxChars: number;
  parallelFiles: number;
}

/** What the read of one publication has used so far, across its files. */
export interface Budget {
  lines: number;
  chars: number;
}

export const tooLarge = () => new ApiError('invalid-response', { operation: READ });

export function get(fetchImpl: typeof fetch, url: URL, accept: string, signal: AbortSignal): Promise<Response> {
  // `omit`: a publication is public, and the host page's cookies are none of the publisher's business.
  return checkedFetch(fetchImpl, url, { method: 'GET', headers: { Accept: accept }, credentials: 'omit', signal }, READ);
}

/** Feeds a response's text to `onText` chunk by chunk, stopping at the character budget. */
export async function readText(response: Response, budget: Budget, limits: Limits, signal: AbortSignal, onText: (text: string) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      budget.chars += text.length;
      if (budget.chars > limits.maxChars) throw tooLarge();
      if (text) onText(text);
      if (done) return;
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (signal.aborted) throw signal.reason;
    if (isApiError(error)) throw error;
    throw new ApiError('network', { operation: READ });
  }
}
