// Safety walks on the map (Leaflet).
// #walk-map: the walk's route and its numbered findings, read from the JSON in #walk-map-data.
// #route-map: drawing the route on the walk's form. Each click adds a "lat, lon" line to the route
// text field, which stays the one input (keyboard users type lines; place names are resolved by
// the server), so nothing needs dragging. Buttons remove the last point or clear the route.
(function () {
  if (typeof L === "undefined") return;

  function baseMap(el) {
    const map = L.map(el, { scrollWheelZoom: false, maxZoom: 19 }).setView([59.31, 18.02], 12);
    if (el.dataset.tiles) {
      // Offline (or the tile server refuses): after a few failed tiles, the plain map without them.
      const tiles = L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
      let failed = 0;
      tiles.on("tileerror", () => { failed += 1; if (failed === 3) map.removeLayer(tiles); });
    }
    return map;
  }

  function fitFocus(map, el) {
    const focus = (el.dataset.focus || "").split(",").map(Number);
    if (focus.length === 4 && focus.every(Number.isFinite)) {
      map.fitBounds([[focus[0], focus[1]], [focus[2], focus[3]]], { animate: false });
    }
  }

  const ROUTE_STYLE = { color: "#0b5cad", weight: 5, opacity: 0.85 };

  const show = document.getElementById("walk-map");
  const dataEl = document.getElementById("walk-map-data");
  if (show && dataEl) {
    const data = JSON.parse(dataEl.textContent);
    const map = baseMap(show);
    const bounds = L.latLngBounds([]);
    if (data.route && data.route.coordinates) {
      const latlngs = data.route.coordinates.map((c) => [c[1], c[0]]);
      L.polyline(latlngs, ROUTE_STYLE).addTo(map);
      latlngs.forEach((p) => bounds.extend(p));
      L.circleMarker(latlngs[0], { radius: 6, color: "#0b5cad", fillOpacity: 1 }).bindTooltip(show.dataset.start).addTo(map);
    }
    (data.findings || []).forEach((f) => {
      const marker = L.circleMarker([f.lat, f.lon], { radius: 9, color: "#8a1020", weight: 3, fillOpacity: 0.6 });
      marker.bindTooltip(`${f.number}. ${f.label}`).addTo(map);
      bounds.extend([f.lat, f.lon]);
    });
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.15), { animate: false, maxZoom: 17 });
    else fitFocus(map, show);
    show.setAttribute("data-ready", "1");
  }

  const draw = document.getElementById("route-map");
  const field = document.getElementById("id_route_text");
  if (draw && field) {
    const map = baseMap(draw);
    const line = L.polyline([], ROUTE_STYLE).addTo(map);
    const status = document.getElementById("route-map-status");
    const NUMBER = "(-?\\d{1,3}(?:[.,]\\d{1,12})?)";
    const pattern = new RegExp(`^\\s*${NUMBER}\\s*(?:[;\\s]|,\\s)\\s*${NUMBER}\\s*$`);
    function points() {
      return field.value.split("\n").map((l) => l.match(pattern)).filter(Boolean)
        .map((m) => [Number(m[1].replace(",", ".")), Number(m[2].replace(",", "."))]);
    }
    function redraw(fit) {
      const latlngs = points();
      line.setLatLngs(latlngs);
      if (status) status.textContent = `${draw.dataset.count}: ${latlngs.length}`;
      if (fit && latlngs.length > 1) map.fitBounds(line.getBounds().pad(0.2), { animate: false });
      else if (fit && latlngs.length === 1) map.setView(latlngs[0], 16, { animate: false });
    }
    map.on("click", (e) => {
      const text = field.value.replace(/\s+$/, "");
      field.value = `${text ? `${text}\n` : ""}${e.latlng.lat.toFixed(6)}, ${e.latlng.lng.toFixed(6)}`;
      redraw(false);
    });
    field.addEventListener("input", () => redraw(false));
    const undo = document.getElementById("route-undo");
    if (undo) undo.addEventListener("click", () => {
      const lines = field.value.replace(/\s+$/, "").split("\n");
      lines.pop();
      field.value = lines.join("\n");
      redraw(false);
    });
    const clear = document.getElementById("route-clear");
    if (clear) clear.addEventListener("click", () => { field.value = ""; redraw(false); });
    if (points().length) redraw(true);
    else fitFocus(map, draw);
    draw.setAttribute("data-ready", "1");
  }
})();
