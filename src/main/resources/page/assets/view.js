'use strict';
// The viewer: an overview from the dataset's tables (page/api/overview/ID), then igv.js with one
// alignment track per id, fed by this server's htsget endpoint (reads/ID), on the reference FASTA
// configured for the first dataset (page/api/reference/ID/sequence.fa) or, without one, on a
// sequence-less genome made of its header references (page/api/chrom-sizes/ID).
(() => {
    const SVG = 'http://www.w3.org/2000/svg';
    const PLOT_WIDTH = 640;
    const PLOT_HEIGHT = 120;
    const DEFAULT_WINDOW = 2000;
    const params = new URLSearchParams(window.location.search);
    const errorBox = document.getElementById('view-error');
    const overviewBox = document.getElementById('overview');
    const status = document.getElementById('igv-status');
    const select = document.getElementById('reference-select');
    let browser = null;

    /** The ids: from the path (view/a/b) or from ?ids=a,b,c. */
    function ids() {
        const prefix = new URL(Bams3.url('view/')).pathname;
        const path = window.location.pathname;
        if (path.startsWith(prefix) && path.length > prefix.length) {
            try {
                return [path.substring(prefix.length).split('/').map(decodeURIComponent).join('/')];
            } catch (e) {
                return [''];
            }
        }
        return (params.get('ids') || '').split(',').map(s => s.trim()).filter(s => s.length > 0);
    }

    function setStatus(state, text) {
        status.setAttribute('data-state', state);
        status.textContent = text;
    }

    function referenceRows(overview) {
        const body = document.getElementById('reference-rows');
        const rows = overview.references
            .filter(r => r.mapped + r.unmapped > 0)
            .map(r => {
                const tr = Bams3.el('tr', {'data-reference': r.name});
                tr.appendChild(Bams3.el('td', {}, r.name));
                tr.appendChild(Bams3.el('td', {'class': 'num'}, Bams3.formatCount(r.length)));
                tr.appendChild(Bams3.el('td', {'class': 'num'}, Bams3.formatCount(r.mapped)));
                tr.appendChild(Bams3.el('td', {'class': 'num'}, Bams3.formatCount(r.unmapped)));
                return tr;
            });
        const unplaced = Bams3.el('tr', {'data-reference': '*'});
        unplaced.appendChild(Bams3.el('td', {}, '* (unplaced)'));
        unplaced.appendChild(Bams3.el('td', {'class': 'num'}, '0'));
        unplaced.appendChild(Bams3.el('td', {'class': 'num'}, '0'));
        unplaced.appendChild(Bams3.el('td', {'class': 'num'}, Bams3.formatCount(overview.unplaced)));
        rows.push(unplaced);
        body.replaceChildren(...rows);
        const empty = overview.references.length - (rows.length - 1);
        if (empty > 0) {
            const tr = Bams3.el('tr', {'class': 'hint'});
            tr.appendChild(Bams3.el('td', {colspan: '4'}, empty + ' more references without reads'));
            body.appendChild(tr);
        }
        select.replaceChildren(...overview.references
            .filter(r => r.mapped + r.unmapped > 0)
            .map(r => Bams3.el('option', {value: r.name}, r.name)));
        if (overview.density) {
            select.value = overview.density.reference;
        }
    }

    function plot(density) {
        const box = document.getElementById('density-plot');
        document.getElementById('density-source').textContent = density
            ? '(estimated from ' + (density.source === 'block-index' ? 'block indexes' : 'chunk tables') + ')'
            : '';
        if (!density) {
            box.replaceChildren();
            return;
        }
        const counts = density.counts;
        const max = counts.reduce((a, b) => Math.max(a, b), 0);
        const svg = document.createElementNS(SVG, 'svg');
        svg.setAttribute('id', 'density-svg');
        svg.setAttribute('width', String(PLOT_WIDTH));
        svg.setAttribute('height', String(PLOT_HEIGHT + 14));
        svg.setAttribute('viewBox', '0 0 ' + PLOT_WIDTH + ' ' + (PLOT_HEIGHT + 14));
        svg.setAttribute('data-reference', density.reference);
        svg.setAttribute('data-bins', String(counts.length));
        svg.setAttribute('data-start', String(density.start));
        svg.setAttribute('data-end', String(density.end));
        const w = PLOT_WIDTH / counts.length;
        counts.forEach((c, i) => {
            if (c <= 0) {
                return;
            }
            const h = max > 0 ? Math.max(1, (c / max) * PLOT_HEIGHT) : 0;
            const bar = document.createElementNS(SVG, 'rect');
            bar.setAttribute('class', 'bar');
            bar.setAttribute('x', String(i * w));
            bar.setAttribute('y', String(PLOT_HEIGHT - h));
            bar.setAttribute('width', String(Math.max(w, 1)));
            bar.setAttribute('height', String(h));
            const title = document.createElementNS(SVG, 'title');
            const from = density.start + i * density.binSize;
            title.textContent = density.reference + ':' + Bams3.formatCount(from + 1) + '-'
                + Bams3.formatCount(Math.min(density.end, from + density.binSize)) + ' ~' + Math.round(c) + ' reads';
            bar.appendChild(title);
            svg.appendChild(bar);
        });
        const label = document.createElementNS(SVG, 'text');
        label.setAttribute('x', '2');
        label.setAttribute('y', String(PLOT_HEIGHT + 11));
        const whole = density.start === 0 && density.end >= density.length;
        label.textContent = density.reference
            + (whole
                ? ' (' + Bams3.formatCount(density.length) + ' bp)'
                : ':' + Bams3.formatCount(density.start + 1) + '-' + Bams3.formatCount(density.end)
                    + ' (where its reads are; ' + Bams3.formatCount(density.length) + ' bp in all)')
            + ', max ~' + Math.round(max) + ' reads per ' + Bams3.formatCount(density.binSize) + ' bp';
        svg.appendChild(label);
        svg.addEventListener('click', e => {
            const rect = svg.getBoundingClientRect();
            const fraction = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width));
            const centre = Math.floor(density.start + fraction * (density.end - density.start));
            go(locusAround(density.reference, centre, density.length));
        });
        box.replaceChildren(svg);
    }

    function locusAround(reference, centre, length) {
        const start = Math.max(1, centre - DEFAULT_WINDOW / 2);
        const end = Math.min(length, start + DEFAULT_WINDOW);
        return reference + ':' + start + '-' + end;
    }

    /** The densest place of the selected reference: where the viewer starts without ?locus=. */
    function defaultLocus(density) {
        if (!density) {
            return undefined;
        }
        let best = 0;
        density.counts.forEach((c, i) => {
            if (c > density.counts[best]) {
                best = i;
            }
        });
        const centre = Math.floor(density.start + best * density.binSize + density.binSize / 2);
        return locusAround(density.reference, Math.min(centre, density.length), density.length);
    }

    function go(locus) {
        if (browser) {
            browser.search(locus);
        }
    }

    async function loadOverview(id, reference) {
        const path = 'page/api/overview/' + Bams3.encodeId(id)
            + (reference ? '?reference=' + encodeURIComponent(reference) : '');
        return Bams3.getJson(path);
    }

    /**
     * The tracks to draw, as {name, id}: one per id, except that a cohort shows one track per
     * member (named by its sample) that has a dataset id the caller may read.
     */
    function tracksOf(list, overview) {
        if (list.length === 1 && overview.members && overview.members.length > 0) {
            return overview.members.filter(m => m.id).map(m => ({name: m.sample, id: m.id}));
        }
        return list.map(id => ({name: id, id: id}));
    }

    /**
     * The genome: the reference FASTA configured for the first id (served by this server, read by
     * ranges; igv.js then colours mismatches), else a sequence-less one from its header.
     */
    function genomeOf(id, withSequence, token) {
        const genome = {id: 'bams3:' + id, name: id, wholeGenomeView: false, showIdeogram: false};
        if (!withSequence) {
            genome.format = 'chromsizes';
            genome.url = Bams3.url('page/api/chrom-sizes/' + Bams3.encodeId(id));
            return genome;
        }
        const base = 'page/api/reference/' + Bams3.encodeId(id) + '/sequence.fa';
        genome.fastaURL = Bams3.url(base);
        genome.indexURL = Bams3.url(base + '.fai');
        if (token) {
            // igv.js reads the sequence by ranges whenever the view moves: the token goes with it
            genome.oauthToken = token;
        }
        return genome;
    }

    async function startViewer(list, tracks, locus, withSequence) {
        const token = Bams3.token();
        const host = window.location.hostname;
        const reference = genomeOf(list[0], withSequence, token);
        // igv.js reads the chrom.sizes without track options: the token is given to it for this
        // host only while the genome loads, and then to each track alone (tickets, not data URLs)
        if (token) {
            igv.setOauthToken(token, host);
        }
        try {
            browser = await igv.createBrowser(document.getElementById('igv-container'), {
                reference: reference,
                locus: locus,
                loadDefaultGenomes: false,
                showChromosomeWidget: true,
                tracks: []
            });
        } finally {
            if (token) {
                igv.oauth.removeToken(host);
            }
        }
        window.bams3Browser = browser;
        await browser.loadTrackList(tracks.map(t => {
            const track = {
                type: 'alignment',
                sourceType: 'htsget',
                format: 'bam',
                name: t.name,
                url: Bams3.url('reads/' + Bams3.encodeId(t.id))
            };
            if (token) {
                track.oauthToken = token;
            }
            return track;
        }));
    }

    async function main() {
        const list = ids();
        document.getElementById('title').textContent = list.join(', ');
        document.title = (list.join(', ') || 'no dataset') + ' - BAMS3 viewer';
        if (list.length === 0 || list.some(id => id.length === 0)) {
            Bams3.showError(errorBox, 'No dataset id was given: open view/ID or view?ids=ID1,ID2.');
            overviewBox.setAttribute('data-state', 'error');
            overviewBox.hidden = true;
            setStatus('error', 'Nothing to show.');
            return;
        }
        let overview;
        try {
            overview = await loadOverview(list[0]);
        } catch (e) {
            Bams3.showError(errorBox, 'Dataset \u201c' + list[0] + '\u201d cannot be shown: ' + e.message);
            overviewBox.setAttribute('data-state', 'error');
            overviewBox.hidden = true;
            setStatus('error', 'Nothing to show.');
            return;
        }
        referenceRows(overview);
        plot(overview.density);
        overviewBox.setAttribute('data-state', 'ready');
        select.addEventListener('change', async () => {
            try {
                const o = await loadOverview(list[0], select.value);
                plot(o.density);
            } catch (e) {
                Bams3.showError(errorBox, 'The overview could not be read: ' + e.message);
            }
        });
        const locus = params.get('locus') || defaultLocus(overview.density);
        const tracks = tracksOf(list, overview);
        const hidden = overview.members ? overview.members.filter(m => !m.id).length : 0;
        try {
            document.getElementById('reference-note').hidden = !!overview.referenceSequence;
            await startViewer(list, tracks, locus, !!overview.referenceSequence);
            setStatus('ready', (tracks.length === 1 ? 'One track.' : tracks.length + ' tracks.')
                + (hidden > 0 ? ' ' + hidden + ' cohort member(s) have no dataset id you may read and are not shown.' : ''));
        } catch (e) {
            Bams3.showError(errorBox, 'The viewer could not start: ' + (e && e.message ? e.message : String(e)));
            setStatus('error', 'The viewer could not start.');
        }
    }

    Bams3.initTokenBox(() => window.location.reload());
    main();
})();
