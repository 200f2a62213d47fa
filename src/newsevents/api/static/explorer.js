/* newsevents explorer: page behaviour.
 *
 * - Every element with data-chart="stacked|lines|network" and data-src="/api/..." gets its
 *   chart drawn from that API answer (charts.js).
 * - On an article page, hovering or clicking a highlighted passage shows the coded
 *   record(s) behind it in the side panel; the legend's boxes switch highlight kinds.
 * Records are read from the page's JSON block and put on screen with textContent only.
 */
(function () {
  "use strict";

  function charts() {
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      element.classList.add("loading");
      fetch(element.getAttribute("data-src"), { headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .then(function (data) {
          var kind = element.getAttribute("data-chart");
          if (kind === "network") NEcharts.network(element, data.top_dyads);
          else if (kind === "lines") NEcharts.lines(element, data);
          else NEcharts.stackedBars(element, data);
          element.classList.remove("loading");
          element.setAttribute("data-ready", "true");
        })
        .catch(function (error) {
          element.classList.remove("loading");
          element.textContent = "Could not load the chart: " + error.message;
          element.setAttribute("data-ready", "error");
        });
    });
  }

  // -- article page -------------------------------------------------------------------------

  var QUAD = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict",
               4: "Material conflict" };

  function actorText(a) {
    if (!a) return "—";
    return a.name + " (" + a.code + ")" + (a.id ? " · " + a.id : " · not linked");
  }

  function rowsOf(record, records) {
    switch (record.record) {
      case "quote":
        return [["Quote", record.text], ["Quote kind", record.kind],
                ["Speaker", record.speaker ? (record.speaker.actor
                                              ? actorText(record.speaker.actor)
                                              : record.speaker.text) : "unattributed"],
                ["Speaker in text", record.speaker ? record.speaker.text : ""],
                ["Cue", record.cue ? record.cue.text : ""]];
      case "speaker":
        var quote = records[record.quote] || {};
        return [["Speaker", record.actor ? actorText(record.actor) : record.text],
                ["In text", record.in_text || record.text],
                ["Says", quote.text || ""]];
      case "cue":
        return [["Quote cue", record.text]];
      case "mention":
        return [["Actor mention", record.text], ["Label", record.label || ""],
                ["Actor", actorText(record.actor)]];
      case "timex":
        return [["Time expression", record.text], ["Type", record.type],
                ["Value", record.value || ""], ["Modifier", record.mod || ""]];
      case "event":
        return [["Event", record.type + (record.mode ? " · " + record.mode : "")],
                ["CAMEO", record.cameo || ""],
                ["Quad class", record.quad_class ? record.quad_class + " " +
                                QUAD[record.quad_class] : ""],
                ["Actor", actorText(record.actor)], ["Recipient", actorText(record.recipient)],
                ["Date", (record.date || "") + (record.date_text ? " (“" + record.date_text +
                                                 "”)" : "")],
                ["Location", record.location ? record.location.text +
                                (record.location.country ? " " + record.location.country : "")
                                : ""],
                ["Modality", record.modality + (record.negated ? " · negated" : "")],
                ["According to", record.attributed_to || ""],
                ["Trigger", record.trigger ? record.trigger.text : ""],
                ["Confidence", record.confidence != null ? record.confidence.toFixed(2) : ""]];
      default:
        return [["Record", JSON.stringify(record)]];
    }
  }

  function showRecords(keys, records, panel) {
    panel.textContent = "";
    keys.forEach(function (key) {
      var record = records[key];
      if (!record) return;
      var box = document.createElement("div");
      box.className = "record record-" + record.record;
      box.setAttribute("data-key", key);
      var dl = document.createElement("dl");
      rowsOf(record, records).forEach(function (row) {
        if (!row[1]) return;
        var dt = document.createElement("dt");
        dt.textContent = row[0];
        var dd = document.createElement("dd");
        dd.textContent = row[1];
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      box.appendChild(dl);
      var actor = record.actor || (record.speaker && record.speaker.actor);
      if (actor && actor.id) {
        var link = document.createElement("a");
        link.href = "/actors/" + encodeURIComponent(actor.id);
        link.textContent = "actor page: " + actor.name;
        box.appendChild(link);
      }
      panel.appendChild(box);
    });
  }

  function article() {
    var text = document.getElementById("article-text");
    var data = document.getElementById("article-records");
    if (!text || !data) return;
    var records = JSON.parse(data.textContent);
    var panel = document.getElementById("record-body");
    var pinned = null;

    function activate(keys) {
      text.querySelectorAll(".ann.active").forEach(function (s) { s.classList.remove("active"); });
      keys.forEach(function (key) {
        text.querySelectorAll("[data-ann~='" + key + "']").forEach(function (s) {
          s.classList.add("active");
        });
      });
      showRecords(keys, records, panel);
    }

    function keysOf(target) {
      var span = target.closest && target.closest(".ann");
      return span ? span.getAttribute("data-ann").split(" ") : null;
    }

    text.addEventListener("mouseover", function (event) {
      if (pinned) return;
      var keys = keysOf(event.target);
      if (keys) activate(keys);
    });
    text.addEventListener("click", function (event) {
      var keys = keysOf(event.target);
      pinned = keys;
      if (keys) activate(keys);
    });
    text.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var keys = keysOf(event.target);
        pinned = keys;
        if (keys) activate(keys);
      }
    });

    document.querySelectorAll("[data-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
      });
    });

    var byEvent = {};
    Object.keys(records).forEach(function (key) {
      if (records[key].record === "event") byEvent[records[key].id] = key;
    });
    document.querySelectorAll("tr.event-row").forEach(function (row) {
      row.addEventListener("click", function () {
        var key = byEvent[row.getAttribute("data-event")];
        if (key) { pinned = [key]; activate([key]); scrollTo(key); }
      });
    });
    document.querySelectorAll("tr.quote-row").forEach(function (row) {
      row.addEventListener("click", function () {
        var key = row.getAttribute("data-ann");
        var keys = [key, "s" + key.slice(1)].filter(function (k) { return records[k]; });
        pinned = keys; activate(keys); scrollTo(key);
      });
    });

    function scrollTo(key) {
      var span = text.querySelector("[data-ann~='" + key + "']");
      if (span) span.scrollIntoView({ block: "center", behavior: "smooth" });
    }

    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash && byEvent[hash]) { pinned = [byEvent[hash]]; activate(pinned); scrollTo(pinned[0]); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    charts();
    article();
  });
})();
