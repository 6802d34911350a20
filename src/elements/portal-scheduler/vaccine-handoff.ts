import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the `vaccine` attribute takes: nothing (any vaccine), a CVX code ("140"), or a code and dose ("208:2"). */
export const VACCINE_FORMS = /^(\d+(:\d+)?)?$/;

/**
 * Answers a vaccine record on the same page that asks to book a due dose (`portal-vaccine-booking-requested`,
 * `vaccine` as `CVX:dose`): the first scheduler on the page takes it, cancels the event so the record can say
 * booking has opened, and opens on that vaccine. The two elements never import each other.
 */
export class VaccineHandoffController implements ReactiveController {
  private readonly onRequest = (event: Event) => {
    const vaccine = (event as CustomEvent<{ vaccine?: unknown }>).detail?.vaccine;
    if (event.defaultPrevented || typeof vaccine !== 'string' || vaccine === '' || !VACCINE_FORMS.test(vaccine)) return;
    event.preventDefault();
    this.options.open(vaccine);
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: { open(vaccine: string): void },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.ownerDocument.addEventListener('portal-vaccine-booking-requested', this.onRequest);
  }

  hostDisconnected(): void {
    this.host.ownerDocument.removeEventListener('portal-vaccine-booking-requested', this.onRequest);
  }
}
