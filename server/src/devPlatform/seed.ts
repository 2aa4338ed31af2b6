import type { Directory } from "./directory.js";
import { ROLE } from "./vocabulary.js";

export const DEMO_COURSE_ID = "course-mentor-2026";
export const OTHER_COURSE_ID = "course-other";

/**
 * The demo programme: two mentors who launch, one who is only on the roster (so the tool must
 * learn of her through NRPS), a university tutor and a programme lead; plus a second course to
 * prove the tool keeps courses apart.
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
    school: "Oakfield Primary",
  });
  directory.addUser({
    id: "dev-mentor-2",
    name: "Sam Patel",
    givenName: "Sam",
    familyName: "Patel",
    email: "sam.patel@riverside.example",
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
    school: "Hillside Primary",
    rosterOnly: true,
  });

  directory.enrol(DEMO_COURSE_ID, "dev-mentor-1", [ROLE.learner]);
  directory.enrol(DEMO_COURSE_ID, "dev-mentor-2", [ROLE.learner]);
  directory.enrol(DEMO_COURSE_ID, "dev-mentor-3", [ROLE.learner]);
  directory.enrol(DEMO_COURSE_ID, "dev-tutor-1", [ROLE.instructor]);
  directory.enrol(DEMO_COURSE_ID, "dev-lead-1", [ROLE.administrator, ROLE.instructor]);

  directory.enrol(OTHER_COURSE_ID, "dev-mentor-2", [ROLE.learner]);
  directory.enrol(OTHER_COURSE_ID, "dev-tutor-1", [ROLE.instructor]);
}
