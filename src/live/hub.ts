import type { Deps } from '../deps.js';
import { LIVE_CHANNEL, type LiveEvent } from './publish.js';

// One LISTEN per process and database, shared by every browser connected to this process.

type Subscriber = (event: LiveEvent) => void;

interface Hub {
  subscribers: Set<Subscriber>;
  ready: Promise<() => Promise<void>>;
}

const hubs = new WeakMap<object, Hub>();

export async function subscribeLive(deps: Deps, subscriber: Subscriber): Promise<() => void> {
  const listen = deps.listen;
  if (!listen) throw new Error('live updates need a database that can LISTEN');
  let hub = hubs.get(listen);
  if (!hub) {
    const subscribers = new Set<Subscriber>();
    const desk = deps.secret.instanceId;
    const ready = listen(LIVE_CHANNEL, (payload) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(payload) as LiveEvent;
      } catch {
        return;
      }
      if (event.desk !== desk) return;
      for (const s of subscribers) s(event);
    });
    hub = { subscribers, ready };
    hubs.set(listen, hub);
  }
  await hub.ready;
  hub.subscribers.add(subscriber);
  const current = hub;
  return () => {
    current.subscribers.delete(subscriber);
  };
}

/** Stops this process listening (at shutdown). */
export async function stopLive(deps: Deps): Promise<void> {
  const hub = deps.listen ? hubs.get(deps.listen) : undefined;
  if (!hub || !deps.listen) return;
  hubs.delete(deps.listen);
  hub.subscribers.clear();
  const unlisten = await hub.ready.catch(() => undefined);
  await unlisten?.();
}
