// The caller-settable process attributes (API.md, "Process attributes"), in the order the form shows them.
// Only their keys and kinds live here: limits and ranges are the API's, which answers every mistake.
export const processFields = [
  { key: 'bk_process_name', type: 'string', section: 'basic', required: true },
  { key: 'bk_func_name', type: 'string', section: 'basic', required: true },
  { key: 'bk_func_id', type: 'string', section: 'basic' },
  { key: 'bk_start_param_regex', type: 'string', section: 'basic' },
  { key: 'description', type: 'string', section: 'basic' },
  { key: 'user', type: 'string', section: 'run' },
  { key: 'work_path', type: 'string', section: 'run' },
  { key: 'pid_file', type: 'string', section: 'run' },
  { key: 'auto_start', type: 'bool', section: 'run' },
  { key: 'start_cmd', type: 'text', section: 'commands' },
  { key: 'stop_cmd', type: 'text', section: 'commands' },
  { key: 'restart_cmd', type: 'text', section: 'commands' },
  { key: 'face_stop_cmd', type: 'text', section: 'commands' },
  { key: 'reload_cmd', type: 'text', section: 'commands' },
  { key: 'proc_num', type: 'int', section: 'numbers' },
  { key: 'priority', type: 'int', section: 'numbers' },
  { key: 'timeout', type: 'int', section: 'numbers' },
  { key: 'auto_time_gap', type: 'int', section: 'numbers' },
  { key: 'bk_start_check_secs', type: 'int', section: 'numbers' },
];

export const bindInfoKey = 'bind_info';

/** Both names are locked in every template-made process (TEMPLATES.md, as_default_value). */
export const alwaysLocked = ['bk_process_name', 'bk_func_name'];

export const bindColumns = ['ip', 'port', 'protocol', 'enable'];

/** Every key an error message may name in a process form. */
export const processKeys = [...processFields.map(f => f.key), bindInfoKey];

/** A short text of a process's ports: "127.0.0.1:80/TCP, :9000-9010/UDP". */
export function portsText(bindInfo, protocols) {
  if (!Array.isArray(bindInfo) || bindInfo.length === 0) return '';
  return bindInfo.map(row => `${row.ip ?? ''}:${row.port ?? ''}/${protocols[row.protocol] ?? row.protocol ?? ''}`).join(', ');
}
