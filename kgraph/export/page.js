// kgraph's page: search, class filters, neighbourhood mode and the evidence panel over vis-network.
// Every text from the graph is put into the page with textContent, never as markup.
(function () {
  "use strict";
  const byId = new Map(DATA.nodes.map(n => [n.id, n]));
  const edgeById = new Map(DATA.edges.map(e => [e.id, e]));
  const hidden = new Set();      // classes ticked off
  let focus = null;              // [node id, hops] in neighbourhood mode

  const nodes = new vis.DataSet(DATA.nodes.map(n => ({
    id: n.id, label: n.label, x: n.x, y: n.y, value: n.value, shape: n.shape,
    color: {background: n.color, border: n.color}, title: undefined })));
  const edges = new vis.DataSet(DATA.edges.map(e => ({
    id: e.id, from: e.from, to: e.to, label: e.label, arrows: "to" })));
  const network = new vis.Network(document.getElementById("net"), {nodes, edges}, {
    physics: false, interaction: {hover: true, tooltipDelay: 150},
    nodes: {scaling: {min: 8, max: 36}, font: {size: 14}},
    edges: {smooth: false, font: {size: 11, align: "middle"}, color: {color: "#999", highlight: "#333"}},
  });
  window.kgraph = {network, nodes, edges, data: DATA, visibleNodeIds};

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // ---- legend and class filters ------------------------------------------------------------
  const legend = document.getElementById("legend");
  for (const c of DATA.legend) {
    const label = el("label");
    const box = el("input"); box.type = "checkbox"; box.checked = true; box.dataset.cls = c.cls;
    box.addEventListener("change", () => { box.checked ? hidden.delete(c.cls) : hidden.add(c.cls); apply(); });
    const sw = el("span", undefined, "swatch"); sw.style.background = c.color;
    label.append(box, sw, document.createTextNode(c.label + " " + c.cls));
    legend.appendChild(label);
  }
  if (DATA.leftOut > 0) {
    document.getElementById("status").textContent =
      "显示连接最多的 " + DATA.nodes.length + " 个节点，另有 " + DATA.leftOut + " 个未显示 (of " + DATA.total + ")";
  }

  // ---- what is visible: class filters and the neighbourhood ---------------------------------
  function neighbourhood(start, hops) {
    const seen = new Set([start]);
    let frontier = [start];
    for (let i = 0; i < hops; i++) {
      const next = [];
      for (const id of frontier) for (const n of network.getConnectedNodes(id)) if (!seen.has(n)) { seen.add(n); next.push(n); }
      frontier = next;
    }
    return seen;
  }
  function visibleNodeIds() {
    const near = focus ? neighbourhood(focus[0], focus[1]) : null;
    return DATA.nodes.filter(n => !hidden.has(n.cls) && (!near || near.has(n.id))).map(n => n.id);
  }
  function apply() {
    const show = new Set(visibleNodeIds());
    nodes.update(DATA.nodes.map(n => ({id: n.id, hidden: !show.has(n.id)})));
    edges.update(DATA.edges.map(e => ({id: e.id, hidden: !(show.has(e.from) && show.has(e.to))})));
  }

  // ---- search ---------------------------------------------------------------------------------
  const search = document.getElementById("search");
  const found = document.getElementById("found");
  search.addEventListener("input", () => {
    const q = search.value.trim();
    found.textContent = "";
    if (!q) return;
    const hits = DATA.nodes.filter(n => n.label === q || n.aliases.includes(q));
    const partial = hits.length ? hits : DATA.nodes.filter(n => n.label.includes(q) || n.aliases.some(a => a.includes(q)));
    found.textContent = partial.length ? partial.length + " 个结果" : "无结果";
    if (partial.length) select(partial[0].id);
  });
  function select(id) {
    if (hidden.has(byId.get(id).cls)) { hidden.delete(byId.get(id).cls); syncBoxes(); apply(); }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: false});
    showNode(id);
  }
  function syncBoxes() {
    for (const b of legend.querySelectorAll("input")) b.checked = !hidden.has(b.dataset.cls);
  }

  // ---- the evidence panel ----------------------------------------------------------------------
  const info = document.getElementById("info");
  function showNode(id) {
    const n = byId.get(id);
    info.replaceChildren();
    info.appendChild(el("h3", n.label));
    info.appendChild(el("div", n.classLabel + " · " + n.cls + (n.adcode ? " · " + n.adcode : ""), "meta"));
    if (n.aliases.length) info.appendChild(el("div", "别名 aliases: " + n.aliases.join("、"), "meta"));
    if (n.figures.length) {
      info.appendChild(el("h4", "数据 figures"));
      const t = el("table");
      for (const [year, metric, value, unit, growth, evidence] of n.figures) {
        const tr = el("tr");
        tr.append(el("td", year), el("td", metric), el("td", (value ? value + unit : "") + (growth ? " +" + growth + "%" : "")));
        tr.title = evidence;
        t.appendChild(tr);
      }
      info.appendChild(t);
    }
    if (n.sentences.length) info.appendChild(el("h4", "原文 mentioned in"));
    for (const [title, sentence] of n.sentences) {
      const q = el("blockquote", sentence);
      q.appendChild(el("span", "—— " + title, "src"));
      info.appendChild(q);
    }
  }
  function showEdge(id) {
    const e = edgeById.get(id);
    info.replaceChildren();
    info.appendChild(el("h3", byId.get(e.from).label + " " + e.label + " " + byId.get(e.to).label));
    info.appendChild(el("div", "kg:" + e.predicate, "meta"));
    for (const s of e.evidence) info.appendChild(el("blockquote", s));
  }
  network.on("click", p => {
    if (p.nodes.length) {
      showNode(p.nodes[0]);
      const hops = parseInt(document.getElementById("hops").value, 10) || 0;
      if (hops > 0) { focus = [p.nodes[0], hops]; apply(); }
    } else if (p.edges.length) {
      showEdge(p.edges[0]);
    }
  });
  document.getElementById("reset").addEventListener("click", () => {
    focus = null; hidden.clear(); syncBoxes(); apply(); network.fit();
  });
  document.body.dataset.ready = "1";
})();
