import type { LitElement, ReactiveController } from 'lit';
import { type FormError, formErrorsFrom } from './form-errors';
import { markFormErrors, setPageTitle } from './page-title';

/** A submitted form's values by field name ('' for a field that was not there). */
export interface FormValues {
  get(name: string): string;
}

/**
 * The GOV.UK error pattern for a page with a form: when an action fails, the page title starts
 * with "Error: ", the <agora-error-summary> lists every problem and takes focus, and each field
 * can show its own message (`errorFor`). Fields are never cleared, so what was typed is kept.
 * A form that is the page names the page (`pageName`); a form inside a page leaves its name alone.
 */
export class FormController implements ReactiveController {
  errors: FormError[] = [];
  busy = false;

  constructor(
    private readonly host: LitElement,
    private readonly pageName?: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.pageName) setPageTitle(this.pageName);
  }

  hostDisconnected(): void {
    markFormErrors(this.host, false);
  }

  errorFor(field: string): string {
    return this.errors.find((error) => error.field === field)?.message ?? '';
  }

  /** Handles a form's submit event: runs `action` with the form's values. */
  submit(event: SubmitEvent, action: (values: FormValues) => Promise<void>): Promise<boolean> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    return this.run(() => action({ get: (name) => String(data.get(name) ?? '') }));
  }

  /** Runs `action` once at a time; shows its errors if it fails. Resolves to whether it succeeded. */
  async run(action: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.host.requestUpdate();
    try {
      await action();
      if (this.errors.length > 0 && this.host.isConnected) await this.show([]);
      return true;
    } catch (error) {
      await this.show(formErrorsFrom(error));
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Shows these problems (none clears them) and moves focus to the summary. */
  async show(errors: FormError[]): Promise<void> {
    this.errors = errors;
    markFormErrors(this.host, errors.length > 0);
    this.host.requestUpdate();
    await this.host.updateComplete;
    if (errors.length > 0) this.host.renderRoot.querySelector<HTMLElement>('agora-error-summary')?.focus();
  }
}
