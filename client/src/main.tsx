import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { captureSessionToken } from "./api/session";
import { App } from "./App";
import { startFrameResize } from "./frameResize";
import "./styles.css";

// Before the first render: the router must never see "#session=…" as a path.
captureSessionToken();

const root = document.getElementById("root")!;
startFrameResize(root);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
