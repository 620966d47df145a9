'use strict';
// The dataset list: GET page/api/datasets?filter=&offset=&limit=, one page at a time.
(() => {
    const PAGE_SIZE = 50;
    const rows = document.getElementById('dataset-rows');
    const table = document.getElementById('datasets');
    const filter = document.getElementById('filter');
    const errorBox = document.getElementById('list-error');
    const notes = document.getElementById('list-notes');
    const status = document.getElementById('pager-status');
    const prev = document.getElementById('pager-prev');
    const next = document.getElementById('pager-next');
    const params = new URLSearchParams(window.location.search);
    let offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    let generation = 0;
    filter.value = params.get('filter') || '';

    function row(d) {
        const tr = Bams3.el('tr', {'class': d.error ? 'dataset-row unreadable' : 'dataset-row', 'data-id': d.id});
        tr.appendChild(Bams3.el('td', {'class': 'id'}, d.id));
        if (d.error) {
            const td = Bams3.el('td', {colspan: '5'}, d.error);
            tr.appendChild(td);
        } else {
            tr.appendChild(Bams3.el('td', {'class': 'num'}, Bams3.formatCount(d.records)));
            tr.appendChild(Bams3.el('td', {'class': 'num'}, Bams3.formatBytes(d.dataBytes)));
            tr.appendChild(Bams3.el('td', {}, d.codec));
            tr.appendChild(Bams3.el('td', {'class': 'num'}, Bams3.formatCount(d.chunks)));
            tr.appendChild(Bams3.el('td', {}, d.created || ''));
        }
        const link = Bams3.el('a', {'class': 'view-link', href: Bams3.url('view/' + Bams3.encodeId(d.id))}, 'view');
        const td = Bams3.el('td', {});
        td.appendChild(link);
        tr.appendChild(td);
        return tr;
    }

    function remember() {
        const q = new URLSearchParams();
        if (filter.value) {
            q.set('filter', filter.value);
        }
        if (offset) {
            q.set('offset', String(offset));
        }
        const s = q.toString();
        window.history.replaceState(null, '', s ? '?' + s : window.location.pathname);
    }

    async function load() {
        const mine = ++generation;
        table.setAttribute('data-state', 'loading');
        errorBox.hidden = true;
        const q = new URLSearchParams({filter: filter.value, offset: String(offset), limit: String(PAGE_SIZE)});
        let page;
        try {
            page = await Bams3.getJson('page/api/datasets?' + q.toString());
        } catch (e) {
            if (mine !== generation) {
                return;
            }
            rows.replaceChildren();
            Bams3.showError(errorBox, 'The datasets could not be listed: ' + e.message);
            table.setAttribute('data-state', 'error');
            return;
        }
        if (mine !== generation) {
            return;
        }
        rows.replaceChildren(...page.items.map(row));
        notes.replaceChildren(...page.notes.map(n => Bams3.el('li', {}, n)));
        const last = Math.min(page.total, page.offset + page.items.length);
        status.textContent = page.total === 0
            ? 'no datasets' + (filter.value ? ' match' : '')
            : (page.offset + 1) + '\u2013' + last + ' of ' + page.total;
        prev.disabled = page.offset === 0;
        next.disabled = last >= page.total;
        table.setAttribute('data-total', String(page.total));
        table.setAttribute('data-state', 'ready');
        remember();
    }

    let timer = null;
    filter.addEventListener('input', () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
            offset = 0;
            load();
        }, 200);
    });
    document.getElementById('filter-form').addEventListener('submit', e => {
        e.preventDefault();
        offset = 0;
        load();
    });
    prev.addEventListener('click', () => {
        offset = Math.max(0, offset - PAGE_SIZE);
        load();
    });
    next.addEventListener('click', () => {
        offset += PAGE_SIZE;
        load();
    });
    Bams3.initTokenBox(load);
    load();
})();
