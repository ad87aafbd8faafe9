// Live updates: server-sent events from GET /api/v1/events?address=... (`head` and `tx` events),
// and polling when the stream is not open (the node lacks the endpoint, a proxy buffers it, the
// connection dropped). Polling never stops entirely: a slow safety poll runs while the stream is
// up, a fast one while it is down.

import { eventsUrl } from './api.js';

const FAST_POLL_MS = 1500;
const SLOW_POLL_MS = 10_000;
const SSE_RETRY_MS = 15_000;

export class Live {
  /**
   * @param {object} o
   * @param {string|null} o.address whose tx events to follow
   * @param {(head: object) => void} o.onHead
   * @param {(tx: object) => void} o.onTx
   * @param {() => Promise<void>} o.poll what to do on each poll (fetch head, open txs)
   * @param {(mode: 'sse'|'polling') => void} [o.onMode]
   */
  constructor({ address, onHead, onTx, poll, onMode }) {
    Object.assign(this, { address, onHead, onTx, poll, onMode });
    this.source = null;
    this.mode = null;
    this.timer = null;
    this.retryTimer = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.openStream();
    this.schedulePoll(0);
  }

  stop() {
    this.stopped = true;
    this.source?.close();
    this.source = null;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
  }

  /** Poll now (e.g. after the browser says it is online again). */
  kick() {
    this.schedulePoll(0);
    if (!this.source || this.source.readyState === 2) {
      this.openStream();
    }
  }

  setMode(mode) {
    if (mode !== this.mode) {
      this.mode = mode;
      this.onMode?.(mode);
    }
  }

  openStream() {
    clearTimeout(this.retryTimer);
    if (typeof EventSource === 'undefined') {
      this.setMode('polling');
      return;
    }
    this.source?.close();
    let es;
    try {
      es = new EventSource(eventsUrl(this.address));
    } catch {
      this.setMode('polling');
      return;
    }
    this.source = es;
    es.onopen = () => {
      this.setMode('sse');
    };
    es.onerror = () => {
      this.setMode('polling');
      if (es.readyState === 2 /* CLOSED: e.g. 404, wrong content type */) {
        es.close();
        if (this.source === es) {
          this.source = null;
        }
        if (!this.stopped) {
          this.retryTimer = setTimeout(() => this.openStream(), SSE_RETRY_MS);
        }
      }
      this.schedulePoll(FAST_POLL_MS);
    };
    const parse = (e) => {
      try {
        return JSON.parse(e.data);
      } catch {
        return null;
      }
    };
    es.addEventListener('head', (e) => {
      const d = parse(e);
      if (d) {
        this.setMode('sse');
        this.onHead(d);
      }
    });
    es.addEventListener('tx', (e) => {
      const d = parse(e);
      if (d) {
        this.setMode('sse');
        this.onTx(d);
      }
    });
  }

  schedulePoll(delay) {
    clearTimeout(this.timer);
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(async () => {
      try {
        await this.poll();
      } catch {
        // the poll reports its own failures
      }
      this.schedulePoll(this.mode === 'sse' ? SLOW_POLL_MS : FAST_POLL_MS);
    }, delay);
  }
}
