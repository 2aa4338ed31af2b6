import type { Course } from "./directory.js";
import { escapeHtml, renderPage, type Page } from "./html.js";
import type { PlatformState } from "./state.js";
import { ROLE, roleName } from "./vocabulary.js";
import { ADDABLE_ROLES } from "./userRoutes.js";

/**
 * The platform's front page: who can launch into which course, a deep-linking button for the
 * tutor, and what the tool has written back (gradebook, placements, registrations).
 */
export function renderHomePage(state: PlatformState, opts: { canRegister: boolean; added?: string }): Page {
  const courses = state.directory.allCourses();
  const added = opts.added ? state.directory.user(opts.added) : undefined;
  const main = `<h1>Development platform</h1>
<p>A stand-in for an LMS such as Moodle, Canvas or Blackboard. It launches Mentor Pathways over real LTI 1.3
(OIDC login, signed id_token) and accepts grades, roster requests and deep-linking responses from it.
Behaviour imitated: <strong>${escapeHtml(state.quirks)}</strong>.</p>
${added ? `<p class="notice" role="status">Added ${escapeHtml(added.name)}: launch as them from their course below.</p>` : ""}
${courses.map((course, index) => courseSection(state, course, index)).join("\n")}
${addUserSection(state)}
${registrationSection(state, opts.canRegister)}
${detailsSection(state)}`;
  return renderPage({ title: "Development platform", main });
}

function courseSection(state: PlatformState, course: Course, index: number): string {
  const id = `course-${index}`;
  const members = state.directory.members(course.id);
  const links = [...course.resourceLinks.values()];
  const tutor = members.find(({ roles }) => roles.includes(ROLE.instructor));
  const rows = members
    .map(({ user, roles }) => {
      const roleLabel = roles.map(roleName).join(", ");
      const mentees = state.directory.roleScopeMentor(course.id, user.id);
      const menteeNote = mentees
        ? `<br>Lead mentor for: ${escapeHtml(mentees.map((id) => state.directory.user(id)?.name ?? id).join(", ") || "nobody yet")}`
        : "";
      const action = user.rosterOnly
        ? "On the roster only (has never opened the tool)"
        : `<button type="submit" name="user" value="${escapeHtml(user.id)}">Launch as ${escapeHtml(user.name)} (${escapeHtml(roleLabel)})</button>`;
      return `<tr><th scope="row">${escapeHtml(user.name)}</th><td>${escapeHtml(roleLabel)}${menteeNote}</td><td>${escapeHtml(user.school ?? "")}</td><td>${action}</td></tr>`;
    })
    .join("\n");

  return `<section aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${escapeHtml(course.title)}${course.label ? ` (${escapeHtml(course.label)})` : ""}</h2>
<form method="post" action="launch">
<input type="hidden" name="course" value="${escapeHtml(course.id)}">
<p><label for="${id}-link">Resource link to open</label>
<select id="${id}-link" name="resourceLink">
${links.map((l) => `<option value="${escapeHtml(l.id)}">${escapeHtml(l.title)} (${escapeHtml(l.id)})</option>`).join("\n")}
</select></p>
<fieldset><legend>Open the tool</legend>
<input type="radio" id="${id}-iframe" name="display" value="iframe" checked> <label for="${id}-iframe">inside the course page, in an iframe, as an LMS does</label><br>
<input type="radio" id="${id}-window" name="display" value="window"> <label for="${id}-window">in this whole window</label>
</fieldset>
<table><caption>Members</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">School</th><th scope="col">Launch</th></tr></thead>
<tbody>${rows}</tbody></table>
</form>
${
  tutor
    ? `<form method="post" action="launch">
<input type="hidden" name="course" value="${escapeHtml(course.id)}">
<input type="hidden" name="user" value="${escapeHtml(tutor.user.id)}">
<input type="hidden" name="messageType" value="LtiDeepLinkingRequest">
<input type="hidden" name="display" value="iframe">
<p>${escapeHtml(tutor.user.name)} can add Mentor Pathways to this course by choosing what to place.</p>
<button type="submit" class="secondary">Place the tool (deep linking)</button>
</form>`
    : ""
}
${gradebookTable(state, course)}
</section>`;
}

function gradebookTable(state: PlatformState, course: Course): string {
  const items = state.gradebook.list(course.id);
  if (items.length === 0) return `<h3>Gradebook</h3><p>No gradebook columns yet.</p>`;
  const rows = items
    .flatMap((item) => {
      const results = state.gradebook.resultsOf(item.id);
      if (results.length === 0)
        return [`<tr><td>${escapeHtml(item.label)}</td><td colspan="3">No grades yet</td></tr>`];
      return results.map((r) => {
        const name = state.directory.user(r.userId)?.name ?? r.userId;
        const score = r.resultScore === undefined ? "—" : `${r.resultScore} / ${r.resultMaximum ?? item.scoreMaximum}`;
        return `<tr><td>${escapeHtml(item.label)}</td><td>${escapeHtml(name)}</td><td>${escapeHtml(score)}</td><td>${escapeHtml(r.comment ?? "")}</td></tr>`;
      });
    })
    .join("\n");
  return `<h3>Gradebook</h3>
<table><caption>Grades written back by the tool</caption>
<thead><tr><th scope="col">Column</th><th scope="col">Member</th><th scope="col">Grade</th><th scope="col">Comment</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function registrationSection(state: PlatformState, canRegister: boolean): string {
  const registered = state.clients.registered();
  if (!canRegister && registered.length === 0) return "";
  return `<section aria-labelledby="registration-heading">
<h2 id="registration-heading">Dynamic registration</h2>
${canRegister ? `<p><a href="start-registration">Register the tool dynamically</a> (opens the tool's registration page).</p>` : ""}
${
  registered.length
    ? `<ul>${registered.map((c) => `<li>${escapeHtml(c.name)}: client id <code>${escapeHtml(c.clientId)}</code>, deployment <code>${escapeHtml(c.deploymentId)}</code></li>`).join("")}</ul>`
    : "<p>No tools have registered themselves yet.</p>"
}
</section>`;
}

function detailsSection(state: PlatformState): string {
  const { urls, clients } = state;
  const rows: Array<[string, string]> = [
    ["Issuer", urls.issuer],
    ["Client id", clients.primary.clientId],
    ["Deployment id", clients.primary.deploymentId],
    ["Authorization endpoint", urls.auth],
    ["Token endpoint", urls.token],
    ["JWKS", urls.jwks],
    ["OpenID configuration", urls.openidConfiguration],
  ];
  return `<section aria-labelledby="details-heading">
<h2 id="details-heading">Platform details</h2>
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd><code>${escapeHtml(v)}</code></dd>`).join("")}</dl>
</section>`;
}

/** A form to add a person to a course, so someone trying the tool can launch as whoever they need. */
function addUserSection(state: PlatformState): string {
  const courses = state.directory.allCourses();
  const learners = courses.flatMap((c) =>
    state.directory
      .members(c.id)
      .filter(({ roles }) => roles.includes(ROLE.learner))
      .map(({ user }) => ({ user, course: c })),
  );
  const seen = new Set<string>();
  const mentees = learners.filter(({ user }) => !seen.has(user.id) && seen.add(user.id));
  return `<section aria-labelledby="add-user-heading">
<h2 id="add-user-heading">Add a person</h2>
<form method="post" action="users">
<div class="field"><label for="add-name">Name</label><input type="text" id="add-name" name="name" required maxlength="100" autocomplete="off"></div>
<div class="field"><label for="add-course">Course</label><select id="add-course" name="course">
${courses.map((c) => `<option value="${escapeHtml(c.id)}">${escapeHtml(c.title)}</option>`).join("\n")}
</select></div>
<div class="field"><label for="add-role">Role</label><select id="add-role" name="role">
${Object.entries(ADDABLE_ROLES)
  .map(([value, r]) => `<option value="${value}">${escapeHtml(r.label)}</option>`)
  .join("\n")}
</select></div>
<div class="field"><label for="add-school">School (optional)</label><input type="text" id="add-school" name="school" maxlength="100" autocomplete="off"></div>
<fieldset><legend>For a lead mentor: the mentors they mentor (sent as role_scope_mentor)</legend>
${mentees.map(({ user }, i) => `<input type="checkbox" id="add-mentee-${i}" name="mentees" value="${escapeHtml(user.id)}"> <label for="add-mentee-${i}">${escapeHtml(user.name)}${user.school ? ` (${escapeHtml(user.school)})` : ""}</label><br>`).join("\n")}
</fieldset>
<button type="submit">Add the person</button>
</form>
</section>`;
}
