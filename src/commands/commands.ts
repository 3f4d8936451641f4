// The ribbon button only opens the task pane (ShowTaskpane); Office still loads a function file for the add-in's
// commands, so this one just tells Office it is ready.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") void Office.onReady();
