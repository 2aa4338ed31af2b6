import type { CourseInput, UserInput } from "./types.js";

export interface Course extends CourseInput {
  resourceLinks: Map<string, ResourceLink>;
  /** userId → role URIs, in enrolment order. */
  members: Map<string, string[]>;
  /** userId of a member with LTI's Mentor role → the users they mentor (sent as role_scope_mentor). */
  roleScopeMentor: Map<string, string[]>;
}

/** What an enrolment may carry beyond its roles. */
export interface EnrolOptions {
  /** For a member with LTI's Mentor role: the user ids they mentor, sent in the role_scope_mentor claim. */
  roleScopeMentor?: string[];
}

/** A placement of the tool in a course, as the LMS remembers it. */
export interface ResourceLink {
  id: string;
  courseId: string;
  title: string;
  /** Set when deep linking chose a specific URL for this link. */
  url?: string;
  custom?: Record<string, string>;
}

/** Title given to links the platform creates itself, by default or on first launch. */
export const DEFAULT_LINK_TITLE = "Mentor Pathways";

/** The default placement every course has, so a launch needs no set-up. */
export function defaultResourceLinkId(courseId: string): string {
  return `rl-${courseId}`;
}

/** Courses, people, enrolments and resource links: what an LMS knows about who is where. */
export class Directory {
  private readonly courses = new Map<string, Course>();
  private readonly users = new Map<string, UserInput>();

  addCourse(c: CourseInput): void {
    const existing = this.courses.get(c.id);
    if (existing) {
      Object.assign(existing, { title: c.title, label: c.label });
      return;
    }
    const course: Course = { ...c, resourceLinks: new Map(), members: new Map(), roleScopeMentor: new Map() };
    this.courses.set(c.id, course);
    this.addResourceLink({ id: defaultResourceLinkId(c.id), courseId: c.id, title: DEFAULT_LINK_TITLE });
  }

  addUser(u: UserInput): void {
    this.users.set(u.id, { ...u });
  }

  enrol(courseId: string, userId: string, roles: string[], options: EnrolOptions = {}): void {
    const course = this.requireCourse(courseId);
    if (!this.users.has(userId)) throw new Error(`Unknown user "${userId}"`);
    if (roles.length === 0) throw new Error("A member needs at least one role");
    course.members.set(userId, [...roles]);
    if (options.roleScopeMentor) course.roleScopeMentor.set(userId, [...options.roleScopeMentor]);
    else course.roleScopeMentor.delete(userId);
  }

  /** The users a member mentors in a course (role_scope_mentor), if the platform sends any. */
  roleScopeMentor(courseId: string, userId: string): string[] | undefined {
    return this.courses.get(courseId)?.roleScopeMentor.get(userId);
  }

  allUsers(): UserInput[] {
    return [...this.users.values()];
  }

  course(id: string): Course | undefined {
    return this.courses.get(id);
  }

  requireCourse(id: string): Course {
    const course = this.courses.get(id);
    if (!course) throw new Error(`Unknown course "${id}"`);
    return course;
  }

  user(id: string): UserInput | undefined {
    return this.users.get(id);
  }

  allCourses(): Course[] {
    return [...this.courses.values()];
  }

  roles(courseId: string, userId: string): string[] | undefined {
    return this.courses.get(courseId)?.members.get(userId);
  }

  members(courseId: string): Array<{ user: UserInput; roles: string[] }> {
    const course = this.courses.get(courseId);
    if (!course) return [];
    return [...course.members].map(([userId, roles]) => ({ user: this.users.get(userId)!, roles }));
  }

  addResourceLink(link: ResourceLink): ResourceLink {
    const course = this.requireCourse(link.courseId);
    course.resourceLinks.set(link.id, link);
    return link;
  }

  resourceLink(courseId: string, id: string): ResourceLink | undefined {
    return this.courses.get(courseId)?.resourceLinks.get(id);
  }

  /** Launching an unknown link id creates it, so tests can use any id they like. */
  ensureResourceLink(courseId: string, id: string): ResourceLink {
    return this.resourceLink(courseId, id) ?? this.addResourceLink({ id, courseId, title: DEFAULT_LINK_TITLE });
  }
}
