// Saving a file the app made (backup, CSV, chart exports) through the browser's download.

/** Offers `data` as a download named `name`. */
export function saveFile(name: string, data: Blob | string, type: string): void {
	const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10000);
}
