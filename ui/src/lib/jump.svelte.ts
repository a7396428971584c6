// Where the account-wide search sends the user: the screen opened after a choice reads what
// to show (a mailbox's address as its search) and clears it.
class Jump {
  /** Mailboxes → Manage opens with this search. */
  mailboxQuery = $state<string | null>(null);
  /** DNS opens on this domain (of the current customer). */
  dnsDomain = $state<string | null>(null);
}

export const jump = new Jump();
