// Pan and zoom for the overview map. The map works without this script:
// every marker is a plain link. The script only changes the SVG viewBox.
(function () {
  "use strict";
  var svg = document.querySelector("svg[data-zoomable]");
  if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return;
  var base = svg.viewBox.baseVal;
  var full = { x: base.x, y: base.y, w: base.width, h: base.height };
  var view = { x: full.x, y: full.y, w: full.w, h: full.h };
  var lang = document.documentElement.lang;
  var words = lang === "uk"
    ? { zin: "Наблизити", zout: "Віддалити", reset: "Уся мапа" }
    : { zin: "Zoom in", zout: "Zoom out", reset: "Whole map" };

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(1); }).join(" "));
  }
  function clamp() {
    view.w = Math.min(full.w, Math.max(full.w / 8, view.w));
    view.h = view.w * full.h / full.w;
    view.x = Math.min(full.x + full.w - view.w, Math.max(full.x, view.x));
    view.y = Math.min(full.y + full.h - view.h, Math.max(full.y, view.y));
  }
  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view.x = cx - (cx - view.x) * factor;
    view.y = cy - (cy - view.y) * factor;
    view.w *= factor;
    clamp();
    apply();
  }
  function toMap(evt) {
    var r = svg.getBoundingClientRect();
    return { x: view.x + (evt.clientX - r.left) / r.width * view.w, y: view.y + (evt.clientY - r.top) / r.height * view.h };
  }

  var tools = document.createElement("div");
  tools.className = "map-tools";
  [["+", words.zin, function () { zoom(0.7); }],
   ["\u2212", words.zout, function () { zoom(1 / 0.7); }],
   ["\u2922", words.reset, function () { view = { x: full.x, y: full.y, w: full.w, h: full.h }; apply(); }]
  ].forEach(function (b) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = b[0];
    button.setAttribute("aria-label", b[1]);
    button.title = b[1];
    button.addEventListener("click", b[2]);
    tools.appendChild(button);
  });
  svg.parentNode.insertBefore(tools, svg);

  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toMap(evt);
    zoom(evt.deltaY < 0 ? 0.85 : 1 / 0.85, p.x, p.y);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (evt) {
    drag = { x: evt.clientX, y: evt.clientY, vx: view.x, vy: view.y, moved: false };
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 6) return;
    if (!drag.moved) svg.setPointerCapture(evt.pointerId);
    drag.moved = true;
    var r = svg.getBoundingClientRect();
    view.x = drag.vx - dx / r.width * view.w;
    view.y = drag.vy - dy / r.height * view.h;
    clamp();
    apply();
  });
  function end() { setTimeout(function () { drag = null; }, 0); }
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);
  // A drag that ends on a marker must not open it.
  svg.addEventListener("click", function (evt) {
    if (drag && drag.moved) { evt.preventDefault(); evt.stopPropagation(); }
  }, true);
})();
