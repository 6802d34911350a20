import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sharedStrings, type MessageKey, type MessageParams, type Strings } from '../i18n/index.js';
import { toLocale, type Locale } from '../model/values.js';

const observers = new WeakMap<Document, { observer: MutationObserver; hosts: Set<ReactiveControllerHost> }>();

export interface LocalizeOptions {
  /** The element whose `lang` (its own, or the nearest up the tree) is read. */
  element: Element;
  /** The provider's language, when one gave it. */
  configLocale?: () => Locale | undefined;
  /** The element's own strings, looked up before the shared ones. */
  strings?: Strings<string>;
}

/**
 * Resolves the language an element speaks: its own `lang` attribute, else the provider's config, else
 * the nearest `lang` up the tree (which is usually `<html lang>`). Watches `<html lang>` so a site's
 * language switch re-renders every element.
 */
export class LocalizeController<K extends string = never> implements ReactiveController {
  private readonly element: Element;
  private readonly own: Strings<string> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LocalizeOptions,
  ) {
    this.element = options.element;
    this.own = options.strings;
    host.addController(this);
  }

  get locale(): Locale {
    const { element } = this;
    const own = element.getAttribute('lang');
    if (own) return toLocale(own);
    const config = this.options.configLocale?.();
    if (config) return config;
    return toLocale(element.closest('[lang]')?.getAttribute('lang') ?? element.ownerDocument.documentElement.lang);
  }

  /**
   * Whether the element's language is loaded. When it is not, the load starts and the host renders again
   * once it lands; meanwhile the host shows nothing rather than a flash of English read out by a screen reader.
   */
  get ready(): boolean {
    const locale = this.locale;
    if (sharedStrings.loaded(locale) && (this.own?.loaded(locale) ?? true)) return true;
    void this.whenReady().then(() => this.host.requestUpdate());
    return false;
  }

  /** Resolves once the element's current language is loaded (or failed to load, leaving English). */
  whenReady(): Promise<void> {
    const locale = this.locale;
    return Promise.all([sharedStrings.load(locale), this.own?.load(locale)]).then(() => undefined);
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

  /**
   * The element's own string for `key` when it has one, else the shared one. A property, not a method, so
   * that a view typed for an element's keys cannot be handed a controller without that element's strings.
   */
  readonly t = (key: MessageKey | K, params?: MessageParams): string => {
    const own = this.own;
    if (own && key in own.en) return own.t(this.locale, key, params);
    return sharedStrings.t(this.locale, key as MessageKey, params);
  };

  hostConnected(): void {
    const doc = this.element.ownerDocument;
    let entry = observers.get(doc);
    if (!entry) {
      const hosts = new Set<ReactiveControllerHost>();
      const observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
      observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['lang'] });
      observers.set(doc, (entry = { observer, hosts }));
    }
    entry.hosts.add(this.host);
  }

  hostDisconnected(): void {
    observers.get(this.element.ownerDocument)?.hosts.delete(this.host);
  }
}

/** What views need of an element's localisation: its language and its messages. */
export type Translator<K extends string = never> = Pick<LocalizeController<K>, 'locale' | 't'>;
