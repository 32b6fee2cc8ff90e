import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LoginBody, SessionUser, RegisterBody } from '../../../server/contracts/auth';
import { api, forgetCsrfToken } from '../../api/api-client';

type Listener = (user: SessionUser | null) => void;

/** The signed-in person, shared by every element; `undefined` until the first /api/me answers. */
class SessionStore {
  user: SessionUser | null | undefined = undefined;
  private readonly listeners = new Set<Listener>();
  private loading?: Promise<SessionUser | null>;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(user: SessionUser | null): void {
    this.user = user;
    forgetCsrfToken();
    for (const listener of this.listeners) listener(user);
  }

  /** Asks the server who is signed in (once, unless forced). */
  load(force = false): Promise<SessionUser | null> {
    if (!force && this.loading) return this.loading;
    this.loading = api<{ user: SessionUser | null }>('/api/me').then(
      ({ user }) => {
        this.set(user);
        return user;
      },
      (error) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  async signIn(body: LoginBody): Promise<SessionUser> {
    const { user } = await api<{ user: SessionUser }>('/api/auth/login', { method: 'POST', body });
    this.loading = Promise.resolve(user);
    this.set(user);
    return user;
  }

  async register(body: RegisterBody): Promise<SessionUser> {
    const { user } = await api<{ user: SessionUser }>('/api/auth/register', { method: 'POST', body });
    this.loading = Promise.resolve(user);
    this.set(user);
    return user;
  }

  async signOut(): Promise<void> {
    await api('/api/auth/logout', { method: 'POST' });
    this.loading = Promise.resolve(null);
    this.set(null);
  }
}

export const session = new SessionStore();

/** Re-renders its host whenever the signed-in person changes; `user` is null when signed out. */
export class SessionController implements ReactiveController {
  private unsubscribe?: () => void;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get user(): SessionUser | null | undefined {
    return session.user;
  }

  hostConnected(): void {
    this.unsubscribe = session.subscribe(() => this.host.requestUpdate());
    session.load().catch(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}
