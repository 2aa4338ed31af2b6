import { Card } from "../components/Card";

/** Home card for staff: where marks are on their way to the VLE gradebook. */
export function GradebookDeliveryCard() {
  return (
    <Card title="Gradebook delivery" to="/gradebook">
      <p>See which grades have reached the course gradebook, and send again any that have not.</p>
    </Card>
  );
}

/** Home card for staff: the course roster from the VLE. */
export function RosterCard() {
  return (
    <Card title="Roster" to="/roster">
      <p>Everyone in the course from the VLE, including mentors who have not opened the tool yet.</p>
    </Card>
  );
}
