// The situation map: area boundaries, clustered incident points and hotspot cells (Leaflet), and the
// "Rita område" control that lets the user draw a polygon and reload the picture for it.
// Data comes as GeoJSON from the URL in data-url (absent before an area is chosen); tiles only when
// data-tiles is set (else offline map). Labels come from data-* attributes (translated in the template).
(function () {
  const el = document.getElementById("situation-map");
  if (!el || typeof L === "undefined") return;
  if (window.tryggsamLocaliseLeaflet) window.tryggsamLocaliseLeaflet();
  const map = L.map(el, { scrollWheelZoom: false, maxZoom: 19 });
  if (el.dataset.tiles) {
    // Offline (or the tile server refuses): after a few failed tiles, the plain map without them.
    const tiles = L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    let failed = 0;
    tiles.on("tileerror", () => { failed += 1; if (failed === 3) map.removeLayer(tiles); });
  }
  const form = document.getElementById("situation-form");
  const polygonInput = form && form.querySelector("input[name=polygon]");
  const areaSelect = form && form.querySelector("select[name=area]");
  // Choosing an area replaces a drawn polygon (the server refuses both at once).
  if (areaSelect && polygonInput) areaSelect.addEventListener("change", () => { polygonInput.value = ""; });

  function drawControl() {
    const hint = document.getElementById("situation-draw-hint");
    const max = Number(el.dataset.maxVertices || 200);
    const sketch = L.layerGroup().addTo(map);
    let vertices = [];
    let drawing = false;
    let buttons = {};
    const say = (text) => { if (hint) hint.textContent = text || ""; };

    function redraw() {
      sketch.clearLayers();
      if (!vertices.length) return;
      L.polygon(vertices, { color: "#8a1020", weight: 2, dashArray: "6 4", fillOpacity: 0.08, interactive: false }).addTo(sketch);
      vertices.forEach((v, i) => {
        L.circleMarker(v, {
          radius: i === 0 ? 8 : 5, color: "#8a1020", weight: 2, fillColor: "#fff", fillOpacity: 1, interactive: false,
        }).addTo(sketch);
      });
    }

    // The site's button style sets `display`, which wins over the `hidden` attribute.
    const show = (button, on) => { button.style.display = on ? "" : "none"; };

    function setDrawing(on) {
      drawing = on;
      show(buttons.start, !on);
      show(buttons.done, on);
      show(buttons.cancel, on);
      if (on) {
        map.doubleClickZoom.disable();
        map.closePopup();
        L.DomUtil.addClass(map.getContainer(), "leaflet-crosshair");
      } else {
        map.doubleClickZoom.enable();
        L.DomUtil.removeClass(map.getContainer(), "leaflet-crosshair");
      }
    }

    function start() {
      vertices = [];
      redraw();
      setDrawing(true);
      say(el.dataset.hintDraw);
    }

    function cancel() {
      vertices = [];
      redraw();
      setDrawing(false);
      say("");
    }

    function finish() {
      if (vertices.length < 3) { say(el.dataset.hintFew); return; }
      if (!form || !polygonInput) return;
      polygonInput.value = vertices.map((v) => `${v.lng.toFixed(6)} ${v.lat.toFixed(6)}`).join(",");
      if (areaSelect) areaSelect.value = "";
      setDrawing(false);
      buttons.start.disabled = true;
      say(el.dataset.hintSending);
      form.submit();
    }

    // While drawing, every click on the map is a corner: caught before Leaflet sees it, so that a
    // click on a cluster, a point or a hotspot neither zooms nor opens a popup.
    el.addEventListener("click", (e) => {
      if (!drawing || e.target.closest(".leaflet-control")) return;
      e.stopImmediatePropagation();
      e.preventDefault();
      if (map.dragging && map.dragging.moved()) return; // the end of a pan, not a click
      const point = map.mouseEventToContainerPoint(e);
      if (vertices.length >= 3 && point.distanceTo(map.latLngToContainerPoint(vertices[0])) <= 10) {
        finish();
        return;
      }
      if (vertices.length >= max) { say(el.dataset.hintMax); return; }
      vertices.push(map.containerPointToLatLng(point));
      redraw();
      el.setAttribute("data-vertices", String(vertices.length));
    }, true);
    document.addEventListener("keydown", (e) => { if (drawing && e.key === "Escape") cancel(); });

    const Control = L.Control.extend({
      options: { position: "topright" },
      onAdd() {
        const box = L.DomUtil.create("div", "leaflet-control situation-draw");
        const make = (label, cls, handler) => {
          const b = L.DomUtil.create("button", cls, box);
          b.type = "button";
          b.textContent = label;
          L.DomEvent.on(b, "click", (e) => { L.DomEvent.stop(e); handler(); });
          return b;
        };
        buttons = {
          start: make(el.dataset.labelDraw, "secondary", start),
          done: make(el.dataset.labelDone, "", finish),
          cancel: make(el.dataset.labelCancel, "secondary", cancel),
        };
        show(buttons.done, false);
        show(buttons.cancel, false);
        L.DomEvent.disableClickPropagation(box);
        return box;
      },
    });
    map.addControl(new Control());
  }

  drawControl();
  if (!el.dataset.url) {
    map.setView([59.33, 18.06], 11);
    el.setAttribute("data-ready", "1");
    return;
  }
  fetch(el.dataset.url, { credentials: "same-origin" })
    .then((r) => r.json())
    .then((data) => {
      const bounds = L.geoJSON(data.boundaries, {
        style: (f) => f.properties.level === "drawn"
          ? { color: "#8a1020", weight: 3, fill: false }
          : { color: "#0b2e4f", weight: f.properties.level === "district_area" ? 3 : 1.5, fill: false },
        onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name),
      }).addTo(map);
      const hot = L.geoJSON(data.hotspots, {
        style: (f) => ({ color: "#8a1020", weight: 1, fillColor: f.properties.level === "99" ? "#c0392b" : "#e67e22", fillOpacity: 0.45 }),
        onEachFeature: (f, layer) => layer.bindTooltip(`Z = ${f.properties.z} (${f.properties.count})`),
      });
      const clusters = L.markerClusterGroup ? L.markerClusterGroup() : L.layerGroup();
      data.points.forEach((p) => {
        // Titles are free text from partners and residents: set as text, never as HTML.
        const popup = document.createElement("div");
        popup.append(p.when, document.createElement("br"), p.title);
        if (p.url) {
          const link = document.createElement("a");
          link.href = p.url;
          link.textContent = el.dataset.labelOpen || "Öppna";
          popup.append(document.createElement("br"), link);
        }
        clusters.addLayer(L.circleMarker([p.lat, p.lon], { radius: 6, color: "#0b5394", weight: 2 }).bindPopup(popup));
      });
      map.addLayer(clusters);
      map.addLayer(hot);
      const overlays = { [el.dataset.labelPoints]: clusters, [el.dataset.labelHotspots]: hot };
      if (data.cells) {
        // The public map: incidents counted per hexagon, cells under the public limit left out.
        const cells = L.geoJSON(data.cells, {
          style: { color: "#0b5394", weight: 1, fillColor: "#0b5394", fillOpacity: 0.3 },
          onEachFeature: (f, layer) => layer.bindTooltip(`${el.dataset.labelCount}: ${f.properties.count}`),
        }).addTo(map);
        overlays[el.dataset.labelCells] = cells;
      }
      L.control.layers(null, overlays).addTo(map);
      if (bounds.getLayers().length) map.fitBounds(bounds.getBounds());
      else if (data.bbox) map.fitBounds([[data.bbox[0], data.bbox[1]], [data.bbox[2], data.bbox[3]]]);
      else map.setView([59.33, 18.06], 11);
      el.setAttribute("data-loaded", String(data.points.length + (data.cells ? data.cells.features.length : 0)));
      el.setAttribute("data-ready", "1");
    });
})();
