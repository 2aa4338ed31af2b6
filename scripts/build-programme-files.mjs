// Writes the files the shipped programme hands out with its modules (lti-config/programmes/files):
// short worksheets and templates, as PDFs. Run by hand after changing the text below:
//   node scripts/build-programme-files.mjs
// The PDFs are committed, so the tool never builds them at run time.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "lti-config", "programmes", "files");

/** Each file: a title, a line on its use, then headed parts with prompts and lines to write on. */
const files = {
  "m1-placement-checklist.pdf": {
    title: "Placement contacts and paperwork checklist",
    intro: "Module 1. Fill this in for your school at the start of a placement and keep it with your mentor file.",
    parts: [
      [
        "Who to contact",
        [
          "Link tutor (name, e-mail, phone):",
          "Lead mentor:",
          "School ITE coordinator / professional tutor:",
          "Provider placement office:",
          "Designated safeguarding lead in school:",
        ],
      ],
      [
        "Records and when they are due",
        [
          "Weekly training meeting record: every week, shared with the student teacher",
          "Lesson observation records: how many, and when:",
          "Review points against the Teachers' Standards (dates):",
          "Final report (date):",
        ],
      ],
      [
        "If something goes wrong",
        [
          "Absence: who the student teacher tells, and who you tell:",
          "A concern about progress: tell the link tutor straight away",
          "A safeguarding concern: follow your school's procedure first",
        ],
      ],
    ],
  },
  "m2-weekly-meeting-record.pdf": {
    title: "Weekly training meeting record",
    intro: "Module 2. One record per meeting; share a copy with the student teacher.",
    parts: [
      ["The meeting", ["Date:", "Week of placement:", "Present:"]],
      [
        "Last week's targets",
        ["Target 1, evidence it was met (lessons, pupils' work):", "Target 2, evidence:", "Target 3, evidence:"],
      ],
      ["Discussion", ["The aspect of practice discussed in depth, and the training curriculum it links to:"]],
      [
        "Targets for next week",
        ["Target, the action that will meet it, and the Teachers' Standard it links to (one to three):"],
      ],
      ["Support agreed", ["What the mentor will observe, model or arrange:", "Next meeting:"]],
    ],
  },
  "m3-observation-prompts.pdf": {
    title: "Observation focus and feedback prompts",
    intro: "Module 3. Use before, during and after a focused observation.",
    parts: [
      [
        "Before the lesson",
        ["What is the focus, and which target does it come from?", "What would success look like in what pupils do?"],
      ],
      [
        "During the lesson",
        [
          "Write what you see and hear, with times.",
          "Note what pupils do in response.",
          "Hold back judgements until afterwards.",
        ],
      ],
      [
        "The feedback conversation",
        [
          "How do you think the lesson went against the focus?",
          "What did you notice pupils doing when…?",
          "Here is what I saw at… What might explain it?",
          "What one thing will you practise next, and how will we know it has worked?",
        ],
      ],
    ],
  },
  "m4-conversation-planner.pdf": {
    title: "Difficult conversation planner",
    intro: "Module 4. Prepare a conversation you would rather avoid.",
    parts: [
      [
        "The issue",
        ["In one or two sentences, what needs to change?", "The evidence (what you have seen or heard, with dates):"],
      ],
      [
        "The conversation",
        [
          "Where and when (private, with enough time):",
          "How you will open it, describing what you saw without labelling the person:",
          "Open questions to understand their view:",
        ],
      ],
      [
        "The outcome",
        [
          "Actions agreed, by whom and by when:",
          "Support offered (in school, from the provider):",
          "Review date:",
          "Who else needs to know (link tutor, lead mentor)?",
        ],
      ],
    ],
  },
  "m5-reflective-log.pdf": {
    title: "Reflective log prompts",
    intro: "Module 5. Date each entry; a few lines are enough. Use the same prompts with your student teacher.",
    parts: [
      ["What happened?", ["Describe it with evidence: what was said and done, and what pupils did."]],
      ["Why did it happen?", ["What did the pupils, the lesson and you each contribute?"]],
      ["What do research and experience suggest?", ["What have you read or seen elsewhere that helps explain it?"]],
      ["What next?", ["What will you do differently, and how will you know it worked?"]],
    ],
  },
  "m6-enquiry-plan.pdf": {
    title: "Mentoring enquiry plan",
    intro: "Module 6. Plan a small enquiry into your own mentoring within one placement.",
    parts: [
      ["Question", ["What do you want to find out? Keep it focused on your mentoring."]],
      ["What is known", ["Two or three sources you have read, and what they suggest:"]],
      ["Method", ["What you will do differently:", "What evidence you will collect, and when:"]],
      [
        "Ethics",
        [
          "How you will ask for consent and keep people anonymous:",
          "How you will make sure no pupil or student teacher is disadvantaged:",
        ],
      ],
      ["Findings and sharing", ["What you found, including what did not work:", "Who you will share it with:"]],
    ],
  },
};

fs.mkdirSync(dir, { recursive: true });
for (const [name, spec] of Object.entries(files)) {
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: spec.title, Author: "Mentor Pathways" } });
  const out = fs.createWriteStream(path.join(dir, name));
  doc.pipe(out);
  doc.font("Helvetica-Bold").fontSize(18).text(spec.title);
  doc.moveDown(0.4).font("Helvetica").fontSize(11).text(spec.intro);
  for (const [heading, prompts] of spec.parts) {
    doc.moveDown(1).font("Helvetica-Bold").fontSize(13).text(heading);
    for (const prompt of prompts) {
      doc.moveDown(0.4).font("Helvetica").fontSize(11).text(prompt);
      doc.moveDown(1.6);
    }
  }
  doc.end();
  await new Promise((resolve) => out.on("finish", resolve));
}
console.log(`wrote ${Object.keys(files).length} files to ${dir}`);
