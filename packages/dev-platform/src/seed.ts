import type { Directory } from "./directory.js";
import { ROLE } from "./vocabulary.js";

export const DEMO_COURSE_ID = "course-mentor-2026";
export const OTHER_COURSE_ID = "course-other";

/**
 * The demo programme: six mentors who launch, across two schools (Oakfield Primary and Riverside
 * Academy), one more who is only on the roster (so the tool must learn of her through NRPS), a
 * lead mentor whose launch names the Oakfield mentors (role_scope_mentor), two university tutors
 * and a programme lead; plus a second course to prove the tool keeps courses apart.
 */
export function seedDemoData(directory: Directory): void {
  directory.addCourse({ id: DEMO_COURSE_ID, title: "ITE Mentor Development 2026/27", label: "MENT-2026" });
  directory.addCourse({ id: OTHER_COURSE_ID, title: "Other course", label: "OTHER" });

  directory.addUser({
    id: "dev-mentor-1",
    name: "Alex Morgan",
    givenName: "Alex",
    familyName: "Morgan",
    email: "alex.morgan@oakfield.example",
    sourcedId: "STU-100001",
    school: "Oakfield Primary",
  });
  directory.addUser({
    id: "dev-mentor-2",
    name: "Sam Patel",
    givenName: "Sam",
    familyName: "Patel",
    email: "sam.patel@riverside.example",
    sourcedId: "STU-100002",
    school: "Riverside Academy",
  });
  directory.addUser({
    id: "dev-tutor-1",
    name: "Dr Jo Reid",
    givenName: "Jo",
    familyName: "Reid",
    email: "jo.reid@university.example",
  });
  directory.addUser({
    id: "dev-lead-1",
    name: "Prof Chris Lee",
    givenName: "Chris",
    familyName: "Lee",
    email: "chris.lee@university.example",
  });
  directory.addUser({
    id: "dev-mentor-3",
    name: "Priya Shah",
    givenName: "Priya",
    familyName: "Shah",
    email: "priya.shah@hillside.example",
    sourcedId: "STU-100003",
    school: "Hillside Primary",
    rosterOnly: true,
  });

  directory.enrol(DEMO_COURSE_ID, "dev-mentor-1", [ROLE.learner]);
  directory.enrol(DEMO_COURSE_ID, "dev-mentor-2", [ROLE.learner]);
  directory.enrol(DEMO_COURSE_ID, "dev-mentor-3", [ROLE.learner]);
  directory.enrol(DEMO_COURSE_ID, "dev-tutor-1", [ROLE.instructor]);
  directory.enrol(DEMO_COURSE_ID, "dev-lead-1", [ROLE.administrator, ROLE.instructor]);
  seedMorePeople(directory);

  directory.enrol(OTHER_COURSE_ID, "dev-mentor-2", [ROLE.learner]);
  directory.enrol(OTHER_COURSE_ID, "dev-tutor-1", [ROLE.instructor]);
}

/** The Oakfield mentors the demo lead mentor's launches name in role_scope_mentor. */
export const DEMO_LEAD_MENTOR_CASELOAD = ["dev-mentor-1", "dev-mentor-4", "dev-mentor-6"];

// Added after the first five people, whose ids and enrolments tests rely on.
function seedMorePeople(directory: Directory): void {
  const mentors = [
    { id: "dev-mentor-4", givenName: "Jordan", familyName: "Hughes", school: "Oakfield Primary", domain: "oakfield" },
    { id: "dev-mentor-5", givenName: "Nia", familyName: "Evans", school: "Riverside Academy", domain: "riverside" },
    { id: "dev-mentor-6", givenName: "Tom", familyName: "Bennett", school: "Oakfield Primary", domain: "oakfield" },
    { id: "dev-mentor-7", givenName: "Leah", familyName: "Okafor", school: "Riverside Academy", domain: "riverside" },
  ];
  for (const m of mentors) {
    directory.addUser({
      id: m.id,
      name: `${m.givenName} ${m.familyName}`,
      givenName: m.givenName,
      familyName: m.familyName,
      email: `${m.givenName}.${m.familyName}@${m.domain}.example`.toLowerCase(),
      school: m.school,
    });
    directory.enrol(DEMO_COURSE_ID, m.id, [ROLE.learner]);
  }
  directory.addUser({
    id: "dev-lead-mentor-1",
    name: "Ruth Adeyemi",
    givenName: "Ruth",
    familyName: "Adeyemi",
    email: "ruth.adeyemi@oakfield.example",
    school: "Oakfield Primary",
  });
  directory.enrol(DEMO_COURSE_ID, "dev-lead-mentor-1", [ROLE.mentor], { roleScopeMentor: DEMO_LEAD_MENTOR_CASELOAD });
  directory.addUser({
    id: "dev-tutor-2",
    name: "Dr Sam Okoro",
    givenName: "Sam",
    familyName: "Okoro",
    email: "sam.okoro@university.example",
  });
  directory.enrol(DEMO_COURSE_ID, "dev-tutor-2", [ROLE.instructor]);
}
