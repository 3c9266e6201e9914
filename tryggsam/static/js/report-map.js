// Report form: click on the map to give the place as a point (fills the hidden lat/lon fields).
(function () {
  const el = document.getElementById("report-map");
  const lat = document.getElementById("id_lat");
  const lon = document.getElementById("id_lon");
  if (!el || !lat || !lon || typeof L === "undefined") return;
  if (window.tryggsamLocaliseLeaflet) window.tryggsamLocaliseLeaflet();
  const map = L.map(el, { maxZoom: 19 }).setView([59.31, 18.02], 11);
  if (el.dataset.tiles) {
    // Offline (or the tile server refuses): after a few failed tiles, the plain map without them.
    const tiles = L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    let failed = 0;
    tiles.on("tileerror", () => { failed += 1; if (failed === 3) map.removeLayer(tiles); });
  }
  const chosen = document.getElementById("report-map-chosen");
  let marker = null;
  function choose(latlng) {
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    if (marker) marker.setLatLng(latlng);
    else marker = L.circleMarker(latlng, { radius: 8, color: "#8a1020", weight: 3 }).addTo(map);
    if (chosen) chosen.textContent = `${el.dataset.chosen}: ${lat.value}, ${lon.value}`;
  }
  map.on("click", (e) => choose(e.latlng));
  if (lat.value && lon.value) choose(L.latLng(Number(lat.value), Number(lon.value)));
  fetch(el.dataset.boundaries, { credentials: "same-origin" })
    .then((r) => r.json())
    .then((data) => {
      const layer = L.geoJSON(data, {
        style: { color: "#0b2e4f", weight: 1, fillOpacity: 0.03 },
        onEachFeature: (f, l) => { l.bindTooltip(f.properties.name); l.on("click", (e) => choose(e.latlng)); },
      }).addTo(map);
      // Start where the reporter works (the areas of their forums), else on all the boundaries.
      const focus = (el.dataset.focus || "").split(",").map(Number);
      if (marker) map.setView(marker.getLatLng(), 15, { animate: false });
      else if (focus.length === 4 && focus.every(Number.isFinite)) {
        map.fitBounds([[focus[0], focus[1]], [focus[2], focus[3]]], { animate: false });
      } else if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { animate: false });
      el.setAttribute("data-ready", "1");
    });
})();
