// The page around the screens: navigation (with aria-current), the heading that receives the
// focus on navigation (so a screen reader starts reading the new screen and Tab continues from
// there), the live region, the event stream shared by every screen, and the router on the
// address fragment (`#envois`, `#patient/<INS>`).
import type { ServiceEvent } from '../../api/events.js';
import type { ApiClient } from '../client/ApiClient.js';
import { createAnnouncer } from './announcer.js';
import { el } from './dom.js';
import { routeOf } from './routeOf.js';
import type { ViewEntry } from './view.js';

export interface ShellElements {
  readonly nav: HTMLElement;
  readonly heading: HTMLElement;
  readonly content: HTMLElement;
  readonly live: HTMLElement;
  readonly connection: HTMLElement;
}

const NO_TOKEN =
  "Cette page a été ouverte sans son jeton de session : ouvrez l'adresse complète affichée au démarrage de Navette (elle se termine par « #jeton=… »).";

export class Shell {
  readonly #listeners = new Set<(event: ServiceEvent) => void>();
  readonly #announce: (message: string) => void;
  #current: AbortController | undefined;
  #firstRender = true;

  constructor(
    private readonly win: Window,
    private readonly views: readonly ViewEntry[],
    private readonly home: string,
    private readonly api: ApiClient | undefined,
    private readonly elements: ShellElements,
  ) {
    this.#announce = createAnnouncer(elements.live);
  }

  start(): void {
    this.#buildNavigation();
    this.api?.events(
      (event) => {
        for (const listener of this.#listeners) listener(event);
      },
      (connected) => {
        this.elements.connection.textContent = connected
          ? ''
          : 'Connexion au service perdue : nouvelle tentative dans quelques secondes…';
      },
    );
    this.win.addEventListener('hashchange', () => this.#show());
    this.#show();
  }

  #buildNavigation(): void {
    const list = el('ul');
    for (const entry of this.views) {
      if (entry.inNavigation === false) continue;
      list.append(
        el('li', {}, el('a', { href: `#${entry.route}`, 'data-route': entry.route }, entry.label)),
      );
    }
    this.elements.nav.replaceChildren(list);
  }

  #show(): void {
    const { route, param } = routeOf(this.win.location.hash);
    const entry =
      this.views.find((v) => v.route === route) ?? this.views.find((v) => v.route === this.home);
    if (entry === undefined) return;
    this.#current?.abort();
    const controller = new AbortController();
    this.#current = controller;
    for (const link of this.elements.nav.querySelectorAll('a[data-route]')) {
      if (link.getAttribute('data-route') === entry.route)
        link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    this.elements.heading.textContent = entry.label;
    this.win.document.title = `${entry.label} — Navette`;
    const container = el('div', { class: 'ecran', 'data-ecran': entry.route });
    this.elements.content.replaceChildren(container);
    if (this.api === undefined && entry.route !== this.home) {
      container.append(el('p', { class: 'erreur', role: 'alert' }, NO_TOKEN));
    } else {
      const rendered = entry.view.render(container, {
        api: this.api,
        param,
        signal: controller.signal,
        announce: this.#announce,
        navigate: (to) => {
          this.win.location.hash = `#${to}`;
        },
        onEvent: (listener) => {
          this.#listeners.add(listener);
          controller.signal.addEventListener('abort', () => this.#listeners.delete(listener), {
            once: true,
          });
        },
      });
      void Promise.resolve(rendered).catch(() => {
        container.append(
          el(
            'p',
            { class: 'erreur', role: 'alert' },
            "L'écran n'a pas pu s'afficher : rechargez la page.",
          ),
        );
      });
    }
    // The first screen keeps the focus where the browser put it (top of the page, skip link
    // first); every later navigation moves it to the new heading.
    if (!this.#firstRender) this.elements.heading.focus();
    this.#firstRender = false;
  }
}

export { NO_TOKEN };
