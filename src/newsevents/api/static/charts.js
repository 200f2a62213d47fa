/* newsevents explorer: small SVG charts written for this project (no library).
 *
 *   NEcharts.stackedBars(element, aggregates)   counts per bucket, one stacked bar each
 *   NEcharts.lines(element, aggregates)         one line per series
 *   NEcharts.network(element, dyads)            actors as nodes, dyads as weighted arrows
 *
 * `aggregates` is the JSON of /api/aggregates ({buckets, series: [{key, label, counts}]});
 * `dyads` its top_dyads. Every drawn datum is an element with class "mark" and a <title>
 * tooltip. Text from the data is only ever set with textContent, never parsed as HTML.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var QUAD_COLORS = { "1": "#66bd63", "2": "#1a9850", "3": "#fdae61", "4": "#d73027" };
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                 "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function title(node, text) {
    el("title", {}, node).textContent = text;
  }

  function colorOf(series, i) {
    if (QUAD_COLORS[series.key]) return QUAD_COLORS[series.key];
    if (series.key === "other" || series.key === "unknown") return "#c7c7c7";
    return PALETTE[i % PALETTE.length];
  }

  /* Axis top and tick step: whole numbers, 1-2-5 steps, at most about five ticks. */
  function niceScale(max) {
    if (max <= 5) return { top: Math.max(1, max), step: 1 };
    var raw = max / 4, magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * magnitude; })
      .filter(function (s) { return s >= raw; })[0];
    return { top: step * Math.ceil(max / step), step: step };
  }

  function empty(element, message) {
    element.textContent = "";
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = message;
    element.appendChild(p);
  }

  function legend(element, series) {
    var box = document.createElement("div");
    box.className = "chart-legend";
    series.forEach(function (s, i) {
      var item = document.createElement("span");
      item.className = "legend-item";
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colorOf(s, i);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.label + " (" + s.total + ")"));
      box.appendChild(item);
    });
    element.appendChild(box);
  }

  function frame(element, buckets, maxValue, height) {
    var width = Math.max(element.clientWidth || 0, 320);
    var m = { top: 10, right: 34, bottom: 42, left: 44 };
    var svg = el("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height,
                          role: "img", "class": "chart-svg" });
    var plot = { x: m.left, y: m.top, w: width - m.left - m.right, h: height - m.top - m.bottom };
    var scale = niceScale(maxValue), top = scale.top, ticks = Math.round(top / scale.step);
    var axis = el("g", { "class": "axis" }, svg);
    for (var t = 0; t <= ticks; t++) {
      var value = scale.step * t;
      var y = plot.y + plot.h - plot.h * t / ticks;
      el("line", { x1: plot.x, x2: plot.x + plot.w, y1: y, y2: y, "class": "grid" }, axis);
      var label = el("text", { x: plot.x - 6, y: y + 4, "text-anchor": "end" }, axis);
      label.textContent = value.toLocaleString("en");
    }
    var band = plot.w / Math.max(buckets.length, 1);
    var every = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(plot.w / 70))));
    buckets.forEach(function (b, i) {
      if (i % every) return;
      var x = plot.x + band * (i + 0.5);
      var text = el("text", { x: x, y: plot.y + plot.h + 16, "text-anchor": "middle" }, axis);
      text.textContent = b;
    });
    el("line", { x1: plot.x, x2: plot.x + plot.w, y1: plot.y + plot.h, y2: plot.y + plot.h,
                 "class": "baseline" }, axis);
    return { svg: svg, plot: plot, band: band, top: top };
  }

  function stackedBars(element, data, options) {
    options = options || {};
    if (!data.buckets || !data.buckets.length) {
      return empty(element, "No dated events to chart.");
    }
    var totals = data.buckets.map(function (_, i) {
      return data.series.reduce(function (sum, s) { return sum + s.counts[i]; }, 0);
    });
    var f = frame(element, data.buckets, Math.max.apply(null, totals), options.height || 260);
    var bars = el("g", { "class": "bars" }, f.svg);
    var width = Math.max(1, f.band * 0.8);
    data.buckets.forEach(function (bucket, i) {
      var base = 0;
      data.series.forEach(function (s, k) {
        var n = s.counts[i];
        if (!n) return;
        var h = f.plot.h * n / f.top;
        var y = f.plot.y + f.plot.h - f.plot.h * (base + n) / f.top;
        var rect = el("rect", { x: f.plot.x + f.band * i + (f.band - width) / 2, y: y,
                                width: width, height: Math.max(h, 0.5), fill: colorOf(s, k),
                                "class": "mark", "data-series": s.key, "data-bucket": bucket },
                      bars);
        title(rect, bucket + " · " + s.label + ": " + n);
        base += n;
      });
    });
    element.textContent = "";
    element.appendChild(f.svg);
    legend(element, data.series);
  }

  function lines(element, data, options) {
    options = options || {};
    var limit = options.series || 6;
    if (!data.buckets || !data.buckets.length) {
      return empty(element, "No dated events to chart.");
    }
    var series = data.series.slice(0, limit);
    var max = 0;
    series.forEach(function (s) { max = Math.max(max, Math.max.apply(null, s.counts)); });
    var f = frame(element, data.buckets, max, options.height || 240);
    var group = el("g", { "class": "lines" }, f.svg);
    series.forEach(function (s, k) {
      var color = colorOf(s, k);
      var points = s.counts.map(function (n, i) {
        return [f.plot.x + f.band * (i + 0.5), f.plot.y + f.plot.h - f.plot.h * n / f.top];
      });
      el("polyline", { points: points.map(function (p) { return p.join(","); }).join(" "),
                       fill: "none", stroke: color, "stroke-width": 2, "class": "line" }, group);
      points.forEach(function (p, i) {
        if (!s.counts[i]) return;
        var dot = el("circle", { cx: p[0], cy: p[1], r: 3, fill: color, "class": "mark",
                                 "data-series": s.key }, group);
        title(dot, data.buckets[i] + " · " + s.label + ": " + s.counts[i]);
      });
    });
    element.textContent = "";
    element.appendChild(f.svg);
    legend(element, series);
  }

  /* A force-directed layout (Fruchterman-Reingold) of one connected group of nodes inside
   * a box, started from a circle so that the same data always gives the same picture. */
  function layout(nodes, edges, box) {
    var n = nodes.length;
    var cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    var radius = Math.min(box.w, box.h) * 0.35;
    nodes.forEach(function (node, i) {
      var angle = -Math.PI / 2 + 2 * Math.PI * i / n;  // a pair stands one above the other
      node.x = cx + radius * Math.cos(angle);
      node.y = cy + radius * Math.sin(angle);
    });
    if (n < 3) return;
    var k = Math.sqrt(box.w * box.h / n) * 0.6;
    var temperature = box.w / 6;
    for (var step = 0; step < 200; step++) {
      nodes.forEach(function (a) { a.dx = 0; a.dy = 0; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = nodes[i], b = nodes[j];
          var dx = a.x - b.x, dy = a.y - b.y;
          var d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
          var force = k * k / d;
          a.dx += dx / d * force; a.dy += dy / d * force;
          b.dx -= dx / d * force; b.dy -= dy / d * force;
        }
      }
      edges.forEach(function (e) {
        var dx = e.source.x - e.target.x, dy = e.source.y - e.target.y;
        var d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
        var force = d * d / k;
        e.source.dx -= dx / d * force; e.source.dy -= dy / d * force;
        e.target.dx += dx / d * force; e.target.dy += dy / d * force;
      });
      nodes.forEach(function (a) {
        var d = Math.max(Math.sqrt(a.dx * a.dx + a.dy * a.dy), 0.01);
        a.x += a.dx / d * Math.min(d, temperature);
        a.y += a.dy / d * Math.min(d, temperature);
        a.x = Math.min(box.x + box.w - 40, Math.max(box.x + 40, a.x));
        a.y = Math.min(box.y + box.h - 26, Math.max(box.y + 14, a.y));
      });
      temperature *= 0.97;
    }
  }

  /* Connected groups of nodes (union-find), largest first. */
  function groups(nodes, edges) {
    var parent = {};
    function find(key) {
      while (parent[key] !== key) { parent[key] = parent[parent[key]]; key = parent[key]; }
      return key;
    }
    nodes.forEach(function (nd) { parent[nd.key] = nd.key; });
    edges.forEach(function (e) { parent[find(e.source.key)] = find(e.target.key); });
    var byRoot = {};
    nodes.forEach(function (nd) {
      var root = find(nd.key);
      (byRoot[root] = byRoot[root] || { nodes: [], edges: [] }).nodes.push(nd);
    });
    edges.forEach(function (e) { byRoot[find(e.source.key)].edges.push(e); });
    return Object.keys(byRoot).map(function (k) { return byRoot[k]; })
      .sort(function (a, b) { return b.nodes.length - a.nodes.length; });
  }

  /* Each group gets a box sized by its number of nodes; boxes fill rows left to right.
   * Returns the height used. */
  function place(parts, width) {
    var x = 0, y = 0, rowHeight = 0;
    parts.forEach(function (part) {
      var size = Math.sqrt(part.nodes.length);
      var w = Math.min(width, Math.max(150, 120 * size)), h = Math.max(145, 100 * size);
      if (x + w > width) { x = 0; y += rowHeight; rowHeight = 0; }
      layout(part.nodes, part.edges.filter(function (e) { return e.source !== e.target; }),
             { x: x, y: y, w: w, h: h });
      x += w;
      rowHeight = Math.max(rowHeight, h);
    });
    return y + rowHeight + 12;
  }

  function conflictColor(share) {
    // green (cooperation) -> red (conflict)
    var from = [26, 152, 80], to = [215, 48, 39];
    var c = from.map(function (v, i) { return Math.round(v + (to[i] - v) * share); });
    return "rgb(" + c.join(",") + ")";
  }

  function network(element, dyads, options) {
    options = options || {};
    if (!dyads || !dyads.length) {
      return empty(element, "No actor-recipient pairs to draw.");
    }
    var width = Math.max(element.clientWidth || 0, 320);
    var byKey = {}, nodes = [], edges = [];
    function node(actor) {
      var key = actor.id || ("name:" + actor.name);
      if (!byKey[key]) {
        byKey[key] = { key: key, actor: actor, weight: 0 };
        nodes.push(byKey[key]);
      }
      return byKey[key];
    }
    dyads.forEach(function (d) {
      var s = node(d.actor), t = node(d.recipient);
      s.weight += d.count; t.weight += d.count;
      edges.push({ source: s, target: t, dyad: d });
    });
    nodes.sort(function (a, b) { return b.weight - a.weight || (a.key < b.key ? -1 : 1); });
    var height = Math.max(place(groups(nodes, edges), width), options.minHeight || 200);
    var maxCount = Math.max.apply(null, dyads.map(function (d) { return d.count; }));
    var svg = el("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height,
                          role: "img", "class": "chart-svg network" });
    var defs = el("defs", {}, svg);
    var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
                                markerUnits: "userSpaceOnUse", markerWidth: 9, markerHeight: 9,
                                orient: "auto-start-reverse" },
                    defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#777" }, marker);
    var edgeLayer = el("g", { "class": "edges" }, svg);
    var nodeLayer = el("g", { "class": "nodes" }, svg);
    function radius(nd) { return 5 + 10 * Math.sqrt(nd.weight / maxCount / 2); }
    edges.forEach(function (e) {
      var d = e.dyad;
      var label = d.actor.name + " → " + d.recipient.name + ": " + d.count + " events, " +
                  Math.round(d.conflict_share * 100) + "% conflict";
      var stroke = conflictColor(d.conflict_share);
      var widthPx = 1 + 5 * d.count / maxCount;
      var line;
      if (e.source === e.target) {
        var r = radius(e.source);
        line = el("circle", { cx: e.source.x, cy: e.source.y - r - 6, r: 7, fill: "none",
                              stroke: stroke, "stroke-width": widthPx, "class": "mark edge" },
                  edgeLayer);
      } else {
        var dx = e.target.x - e.source.x, dy = e.target.y - e.source.y;
        var len = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        var rt = radius(e.target) + 3;
        line = el("line", { x1: e.source.x, y1: e.source.y,
                            x2: e.target.x - dx / len * rt, y2: e.target.y - dy / len * rt,
                            stroke: stroke, "stroke-width": widthPx, "marker-end": "url(#arrow)",
                            "class": "mark edge" }, edgeLayer);
      }
      title(line, label);
    });
    nodes.forEach(function (nd) {
      var parent = nodeLayer;
      if (nd.actor.id) {
        parent = el("a", { href: "/actors/" + encodeURIComponent(nd.actor.id) }, nodeLayer);
      }
      var circle = el("circle", { cx: nd.x, cy: nd.y, r: radius(nd), "class": "mark node" },
                      parent);
      title(circle, nd.actor.name + " (" + nd.actor.code + "): " + nd.weight + " events");
      var text = el("text", { x: nd.x, y: nd.y + radius(nd) + 12, "text-anchor": "middle",
                              "class": "node-label" }, parent);
      text.textContent = nd.actor.name;
    });
    element.textContent = "";
    element.appendChild(svg);
  }

  window.NEcharts = { stackedBars: stackedBars, lines: lines, network: network,
                      conflictColor: conflictColor };
})();
