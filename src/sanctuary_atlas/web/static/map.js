// The map: recolour every county for the chosen layer and date, without reloading the page.
(function () {
  const months = JSON.parse(document.getElementById("months").textContent);
  const paths = Array.from(document.querySelectorAll("#counties path"));
  const layer = document.getElementById("layer");
  const overlay = document.getElementById("overlay");
  const slider = document.getElementById("date");
  const label = document.getElementById("date-label");
  const legend = document.getElementById("legend");
  const tip = document.getElementById("tip");
  let current = { codes: "", legend: {} };
  let pending = 0;

  function query() {
    const [type, value] = layer.value.split(":");
    return `on=${months[slider.value]}&${type}=${encodeURIComponent(value)}`;
  }

  async function recolour() {
    const ticket = ++pending;
    const started = performance.now();
    const response = await fetch(`/api/map?${query()}`);
    const data = await response.json();
    if (ticket !== pending) return;  // a newer request is under way
    const prefix = layer.value.startsWith("kind:") ? "c" : "d";
    for (let i = 0; i < paths.length; i++) {
      paths[i].setAttribute("class", `county ${prefix}${data.codes[i]}`);
    }
    current = { codes: data.codes, legend: data.legend, prefix };
    legend.innerHTML = "";
    for (const [code, text] of Object.entries(data.legend)) {
      const item = document.createElement("span");
      item.className = "key";
      const swatch = document.createElement("i");
      swatch.className = `${prefix}${code}`;
      item.append(swatch, document.createTextNode(text));
      legend.append(item);
    }
    if (data.count !== undefined) legend.append(document.createTextNode(` — ${data.count} counties`));
    await drawOverlay();
    window.lastRecolourMs = performance.now() - started;
    document.body.dataset.drawn = String(Number(document.body.dataset.drawn || 0) + 1);
  }

  async function drawOverlay() {
    paths.forEach((p) => p.classList.remove("ov"));
    if (!overlay.value) return;
    const data = await (await fetch(`/api/overlay?layer=${encodeURIComponent(overlay.value)}&on=${months[slider.value]}`)).json();
    const wanted = new Set(data.fips);
    paths.forEach((p) => { if (wanted.has(p.dataset.fips)) p.classList.add("ov"); });
  }

  slider.addEventListener("input", () => { label.textContent = months[slider.value]; recolour(); });
  layer.addEventListener("change", recolour);
  overlay.addEventListener("change", drawOverlay);
  document.getElementById("counties").addEventListener("mousemove", (event) => {
    const path = event.target.closest("path");
    if (!path) { tip.hidden = true; return; }
    const code = current.codes[Number(path.dataset.i)];
    tip.textContent = `${path.dataset.name} (${path.dataset.fips}): ${current.legend[code] || ""}`;
    tip.style.left = `${event.offsetX + 12}px`;
    tip.style.top = `${event.offsetY + 12}px`;
    tip.hidden = false;
  });
  document.getElementById("counties").addEventListener("mouseleave", () => { tip.hidden = true; });
  document.getElementById("counties").addEventListener("click", (event) => {
    const path = event.target.closest("path");
    if (path) window.location.href = `/place/county:${path.dataset.fips}?on=${months[slider.value]}`;
  });
  recolour();
})();
