// Forum form: a place partnership's places chosen on the map (Leaflet). Clicking an area with a
// boundary toggles its option in the "Platser" select, which stays the one input: keyboard and
// screen-reader users choose in the select, and the map follows what the select holds.
(function () {
  const el = document.getElementById("places-map");
  const select = document.getElementById("id_places");
  if (!el || !select || typeof L === "undefined") return;
  if (window.tryggsamLocaliseLeaflet) window.tryggsamLocaliseLeaflet();
  const map = L.map(el, { scrollWheelZoom: false, maxZoom: 19 }).setView([59.31, 18.02], 11);
  if (el.dataset.tiles) {
    // Offline (or the tile server refuses): after a few failed tiles, the plain map without them.
    const tiles = L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    let failed = 0;
    tiles.on("tileerror", () => { failed += 1; if (failed === 3) map.removeLayer(tiles); });
  }
  const FREE = { color: "#0b2e4f", weight: 1, fillOpacity: 0.05 };
  const CHOSEN = { color: "#0b5cad", weight: 3, fillOpacity: 0.4 };
  const status = document.getElementById("places-map-status");
  const layers = new Map();

  function option(id) {
    return Array.from(select.options).find((o) => o.value === String(id)) || null;
  }
  function paint() {
    layers.forEach((layer, id) => {
      const o = option(id);
      layer.setStyle(o && o.selected ? CHOSEN : FREE);
    });
    if (status) {
      const names = Array.from(select.selectedOptions).map((o) => o.textContent.trim());
      status.textContent = `${el.dataset.chosen}: ${names.length ? names.join(", ") : el.dataset.none}`;
    }
  }

  fetch(el.dataset.boundaries, { credentials: "same-origin" })
    .then((r) => r.json())
    .then((data) => {
      const layer = L.geoJSON(data, {
        style: FREE,
        filter: (f) => option(f.properties.id) !== null,
        onEachFeature: (f, l) => {
          layers.set(String(f.properties.id), l);
          l.bindTooltip(f.properties.name);
          l.on("click", () => {
            const o = option(f.properties.id);
            if (!o) return;
            o.selected = !o.selected;
            select.dispatchEvent(new Event("change", { bubbles: true }));
          });
        },
      }).addTo(map);
      const chosen = Array.from(select.selectedOptions).map((o) => layers.get(o.value)).filter(Boolean);
      if (chosen.length) map.fitBounds(L.featureGroup(chosen).getBounds().pad(0.3), { animate: false });
      else if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { animate: false });
      paint();
      el.setAttribute("data-ready", "1");
    });
  select.addEventListener("change", paint);
})();
