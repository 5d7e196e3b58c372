/** Name of the conversation-state property holding the dialog stack (shared by the bot and its error handler). */
export const DIALOG_STATE_PROPERTY = 'dialogState';
