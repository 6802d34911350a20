/**
 * The sign-in step of SMART tenants (test/support/fhir-tenant.ts, `options.smart`), done the way a person does it
 * on the authorization server's page, without leaving the test page: same-origin `fetch` follows the redirects
 * (the page's cookies are same-origin), DOMParser reads the page's form, and the form is submitted with the
 * chosen patient's button and the checkboxes a person would leave checked.
 */

/** A static page below `/test/`, usable as `redirect_uri` of SMART tenants. */
export const SMART_CALLBACK = '/test/support/smart-callback.html';

interface AuthorizePage {
  form: HTMLFormElement;
  url: string;
}

/**
 * Opens the authorization server's sign-in page. When the server answers with a redirect back to the app instead
 * (an error such as `invalid_request`), that URL is returned.
 */
async function openPage(authorizeUrl: string): Promise<AuthorizePage | string> {
  const response = await fetch(authorizeUrl, { credentials: 'same-origin' });
  const html = await response.text();
  const form = new DOMParser().parseFromString(html, 'text/html').querySelector<HTMLFormElement>('form#smart-authorize');
  if (form) return { form, url: response.url };
  if (response.ok && response.redirected) return response.url;
  throw new Error(`no sign-in page at ${authorizeUrl}: ${response.status} ${html.slice(0, 300)}`);
}

/** Submits the form as the browser would and returns the URL the redirects end on (the app's redirect_uri). */
async function submit({ form, url }: AuthorizePage, body: URLSearchParams): Promise<string> {
  const action = new URL(form.getAttribute('action') ?? '', url);
  const response = await fetch(action, { method: 'POST', body, credentials: 'same-origin' });
  if (!response.ok || new URL(response.url).pathname.startsWith('/oauth/')) {
    throw new Error(`sign-in did not return to the app: ${response.status} ${response.url} ${(await response.text()).slice(0, 300)}`);
  }
  return response.url;
}

/**
 * Signs in as `patientId` on the page `authorizeUrl` leads to, leaving every permission checked except `deny`
 * (scope strings, e.g. `patient/Communication.rs`). Resolves with the final callback URL, i.e. the redirect_uri
 * with `code`, `state` and `iss` (or `error` when the server refused the request).
 */
export async function authorizeAs(authorizeUrl: string, patientId: string, options: { deny?: string[] } = {}): Promise<string> {
  const page = await openPage(authorizeUrl);
  if (typeof page === 'string') return page;
  const buttons = [...page.form.querySelectorAll<HTMLButtonElement>('button[name="patient"]')];
  if (!buttons.some((button) => button.value === patientId)) {
    throw new Error(`no sign-in button for patient ${patientId}; the page offers ${buttons.map((b) => b.value).join(', ')}`);
  }
  const deny = new Set(options.deny ?? []);
  const body = new URLSearchParams();
  for (const box of page.form.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="scope"]')) {
    if (deny.delete(box.value)) continue; // the person unchecks it
    if (box.checked) body.append(box.name, box.value);
  }
  if (deny.size > 0) throw new Error(`the page shows no checkbox for ${[...deny].join(', ')}`);
  body.append('patient', patientId);
  return submit(page, body);
}

/** Presses Cancel on the sign-in page; resolves with the callback URL (with `error=access_denied`). */
export async function cancelAuthorize(authorizeUrl: string): Promise<string> {
  const page = await openPage(authorizeUrl);
  if (typeof page === 'string') return page;
  return submit(page, new URLSearchParams({ cancel: '1' }));
}
