// Window-wide dialogs any screen can open: the welcome (first run, or Settings → Show welcome)
// and the About box (Settings, or F1).
export const desktop = $state({ welcome: false, about: false });
