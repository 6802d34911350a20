import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isLocaleLoaded, loadLocale, translate, type MessageKey, type MessageParams } from '../i18n/index.js';
import { toLocale, type Locale } from '../model/config.js';

type Host = ReactiveControllerHost & HTMLElement;

const observers = new WeakMap<Document, { observer: MutationObserver; hosts: Set<Host> }>();

/**
 * Resolves the language an element speaks: its own `lang` attribute, else the provider's config, else
 * the nearest `lang` up the tree (which is usually `<html lang>`). Watches `<html lang>` so a site's
 * language switch re-renders every element.
 */
export class LocalizeController implements ReactiveController {
  /** Set from the consumed config; `undefined` when no provider gave one. */
  configLocale?: Locale;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  get locale(): Locale {
    const own = this.host.getAttribute('lang');
    if (own) return toLocale(own);
    if (this.configLocale) return this.configLocale;
    return toLocale(this.host.closest('[lang]')?.getAttribute('lang') ?? this.host.ownerDocument.documentElement.lang);
  }

  /**
   * Whether the element's language is loaded. When it is not, the load starts and the host renders again
   * once it lands; meanwhile the host shows nothing rather than a flash of English read out by a screen reader.
   */
  get ready(): boolean {
    const locale = this.locale;
    if (isLocaleLoaded(locale)) return true;
    void loadLocale(locale).then(() => this.host.requestUpdate());
    return false;
  }

  /** Resolves once the element's current language is loaded (or failed to load, leaving English). */
  whenReady(): Promise<void> {
    return loadLocale(this.locale);
  }

  /**
   * An `updateComplete` that also waits for the language to load, so a settled element speaks it: pass the
   * host's own `super.getUpdateComplete`.
   */
  async settled(update: () => Promise<boolean>): Promise<boolean> {
    let settled = await update();
    if (!this.ready) {
      await this.whenReady();
      settled = await update();
    }
    return settled;
  }

  t(key: MessageKey, params?: MessageParams): string {
    return translate(this.locale, key, params);
  }

  hostConnected(): void {
    const doc = this.host.ownerDocument;
    let entry = observers.get(doc);
    if (!entry) {
      const hosts = new Set<Host>();
      const observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
      observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['lang'] });
      observers.set(doc, (entry = { observer, hosts }));
    }
    entry.hosts.add(this.host);
  }

  hostDisconnected(): void {
    observers.get(this.host.ownerDocument)?.hosts.delete(this.host);
  }
}

/** What views need of an element's localisation: its language and its messages. */
export type Translator = Pick<LocalizeController, 'locale' | 't'>;
