// Whether the sidebar's customer switcher is open, and a way for a screen's "Change" link to
// open it (the switcher counts requests, so asking twice opens it twice).
class Switcher {
  open = $state(false);
  openRequests = $state(0);

  request() {
    this.openRequests++;
  }
}

export const switcher = new Switcher();
