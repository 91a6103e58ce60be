package org.convene.infra.bench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.convene.infra.LocalAccounts;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies of {@code POST /api/meetings}, each a different valid meeting of the size to
 * measure: one chair and a mix of voting, non-voting and information participants (their order
 * shuffled), an agenda whose items all have a presenter, two reference documents, a start in the
 * coming weeks in Asia/Shanghai. Seeded, so every run sends the same meetings.
 */
final class MeetingRequests {

  static final String ZONE = "Asia/Shanghai";

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String[] FAMILY = {
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun"
  };
  private static final String[] GIVEN = {
    "Wei", "Fang", "Na", "Min", "Jing", "Lei", "Jun", "Yan", "Tao", "Ping", "Hua", "Ting"
  };
  private static final String[] ITEMS = {
    "Convey the spirit of the municipal meeting",
    "Review of last quarter's work",
    "Study of the regulations and the work essentials",
    "Key tasks for the coming quarter: focused discussion",
    "Any other business"
  };
  private static final int[] ITEM_MINUTES = {15, 20, 30, 20, 15};

  private final Random random;
  private final int participants;
  private final int agendaItems;
  private final LocalDate today = LocalDate.now(ZoneId.of(ZONE));
  private long sequence;

  MeetingRequests(long seed, int participants, int agendaItems) {
    if (participants < 4) {
      throw new IllegalArgumentException(
          "participants: at least 4 (chair, voting, non-voting, information), not " + participants);
    }
    this.random = new Random(seed);
    this.participants = participants;
    this.agendaItems = agendaItems;
  }

  /** The role of each participant: index 0 chairs; then half voting, a quarter each of the rest. */
  static List<String> roles(int participants) {
    int others = participants - 1;
    int voting = others / 2;
    int nonVoting = (others - voting) / 2;
    List<String> roles = new ArrayList<>(participants);
    roles.add("CHAIR");
    for (int i = 0; i < others; i++) {
      roles.add(i < voting ? "VOTING" : i < voting + nonVoting ? "NON_VOTING" : "INFORMATION");
    }
    return roles;
  }

  /** The next meeting's JSON. */
  String next() {
    long n = ++sequence;
    String domain = "@m" + n + ".bench.example.org";
    ObjectNode meeting = JSON.createObjectNode();
    meeting.put("title", "Bench meeting " + n + ": quarterly work planning");
    meeting.put(
        "description",
        "Reviews the quarter's work and lays out the key tasks of the next one. "
            + "Participants study the documents below beforehand.");
    meeting
        .putObject("organiser")
        .put("name", LocalAccounts.GENERAL_OFFICE.name())
        .put("email", LocalAccounts.GENERAL_OFFICE.username());
    LocalDateTime start =
        today
            .plusDays(1 + random.nextInt(60))
            .atTime(LocalTime.of(8 + random.nextInt(8), random.nextBoolean() ? 0 : 30));
    int minutes = 0;
    for (int i = 0; i < agendaItems; i++) {
      minutes += ITEM_MINUTES[i % ITEM_MINUTES.length];
    }
    meeting.put("start", start.toString());
    meeting.put("end", start.plusMinutes(minutes + 20L).toString());
    meeting.put("timeZone", ZONE);
    meeting.put("location", "BAST head office, meeting room " + (1 + random.nextInt(6)));
    meeting.put("onlineLink", "https://meet.bast.example.org/bench-" + n);
    ArrayNode documents = meeting.putArray("documents");
    documents
        .addObject()
        .put("title", "Work plan")
        .put("url", "https://docs.bast.example.org/bench/" + n + "/plan.pdf");
    documents
        .addObject()
        .put("title", "Minutes of the last meeting")
        .put("url", "https://docs.bast.example.org/bench/" + n + "/minutes.pdf");

    List<String> roles = roles(participants);
    List<String> emails = new ArrayList<>(participants);
    List<ObjectNode> people = new ArrayList<>(participants);
    for (int i = 0; i < participants; i++) {
      String family = FAMILY[(i + (int) n) % FAMILY.length];
      String given = GIVEN[(i * 7 + (int) n) % GIVEN.length];
      String email = given.toLowerCase() + "." + family.toLowerCase() + "." + i + domain;
      emails.add(email);
      ObjectNode person = JSON.createObjectNode();
      person.put("name", family + " " + given);
      person.put("email", email);
      person.put("role", roles.get(i));
      person.put("language", i % 3 == 0 ? "en" : "zh-CN");
      if (i % 5 == 4) {
        person.put("timeZone", "Europe/Berlin");
      } else {
        person.putNull("timeZone");
      }
      people.add(person);
    }
    Collections.shuffle(people, random);
    meeting.putArray("participants").addAll(people);

    ArrayNode agenda = meeting.putArray("agenda");
    for (int i = 0; i < agendaItems; i++) {
      // The chair opens and closes; voting members present the rest.
      String presenter =
          i == 0 || i == agendaItems - 1
              ? emails.getFirst()
              : emails.get(1 + i % (participants / 2));
      ObjectNode item = agenda.addObject();
      item.put("title", ITEMS[i % ITEMS.length]);
      item.put("presenterEmail", presenter);
      item.put("durationMinutes", ITEM_MINUTES[i % ITEM_MINUTES.length]);
      if (i % 2 == 0) {
        item.put("notes", "Ten minutes for questions.");
      } else {
        item.putNull("notes");
      }
    }
    return JSON.writeValueAsString(meeting);
  }

  /** {@code count} meetings, made before a phase so that building them costs the phase nothing. */
  List<String> next(int count) {
    List<String> bodies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      bodies.add(next());
    }
    return bodies;
  }
}
