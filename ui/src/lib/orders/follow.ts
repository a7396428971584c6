// Following an order's status with one poller at a time. While the app's tracker follows the
// order (an accepted paid call it polls), the screen asks it to watch the order and takes its
// readings as events; only an order nobody follows is read by the screen itself. Polling both
// would spend the key's shared 5 requests/s twice.
import { commands, type OrderStatusView } from "../../bindings";
import { onActionProgress, onOrderProgress } from "../activeProfile.svelte";
import { call } from "../errors";
import { onEvents } from "../events";

export interface OrderFollower {
  /** Each status read, from the tracker or the screen's own read. */
  onStatus: (status: OrderStatusView) => void;
  /** A read failed (only the screen's own reads can): the follower keeps trying. */
  onError: (e: unknown) => void;
}

/** How often the screen reads an order nobody else follows. */
export const OWN_POLL_MS = 2000;

/** Follows `orderId` until its status is finished or the returned stop is called. */
export function followOrder(customerId: string, orderId: string, f: OrderFollower): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  // The tracked action that reads this order, known from its first reading.
  let follower: string | null = null;
  const stopEvents = onEvents(
    onOrderProgress((r) => {
      if (stopped || r.orderId !== orderId) return;
      follower = r.id;
      finished = r.status.finished;
      f.onStatus(r.status);
    }),
    // The tracker gave up on it (stalled) before it finished: carry on here.
    onActionProgress((a) => {
      if (!stopped && a.id === follower && a.settled && !finished) ownRead();
    }),
  );

  async function ownRead() {
    if (stopped) return;
    try {
      const status = (await call(commands.getOrderStatus(customerId, orderId))).data;
      if (stopped) return;
      finished = status.finished;
      f.onStatus(status);
      if (finished) return;
    } catch (e) {
      if (stopped) return;
      f.onError(e);
    }
    timer = setTimeout(ownRead, OWN_POLL_MS);
  }

  (async () => {
    let followed = false;
    try {
      followed = await call(commands.watchOrder(orderId));
    } catch (e) {
      f.onError(e);
    }
    // Not followed (or the tracker settled it already): read it here, until it is finished.
    if (!followed) ownRead();
  })();

  return () => {
    stopped = true;
    clearTimeout(timer);
    stopEvents();
    call(commands.unwatchOrder(orderId)).catch((e) => console.warn("Could not end the order watch:", e));
  };
}
