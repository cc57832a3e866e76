// The console's own words, in the two languages the API speaks. The API's messages come from the API
// (the Blueking-Language header picks them); these only label the page around them.
const preferred = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase();

/** "zh-cn" or "en": the API's catalogue for this browser, also sent as Blueking-Language. */
export const language = preferred.startsWith('zh') ? 'zh-cn' : 'en';

const en = {
  title: 'ProcOrleans console',
  signIn: 'Sign in', signOut: 'Sign out', appCode: 'App code', appSecret: 'App secret', userName: 'User name',
  signInHelp: 'The credentials stay in this browser tab only and go to the API as the X-Bkapi-Authorization header.',
  wrongSecret: 'The app code or the app secret is wrong.',
  signedInAs: (user, app) => `${user} via ${app}`,
  business: 'Business', open: 'Open', pickBusiness: 'Business ID', recent: 'Recent',
  pickBusinessHelp: 'Enter the ID of the business whose service instances you want to see.',
  instances: 'Service instances', newInstance: 'New service instance', filters: 'Filters',
  moduleId: 'Module ID', hostIds: 'Host IDs', hostIdsHelp: 'separated by commas or spaces', searchKey: 'Name contains',
  apply: 'Apply', reset: 'Reset', sort: 'Sort', pageSize: 'Per page',
  sortOptions: { id: 'ID ascending', '-id': 'ID descending', name: 'Name A–Z', '-name': 'Name Z–A',
    create_time: 'Oldest first', '-create_time': 'Newest first' },
  count: (from, to, total) => total === 0 ? 'No service instances' : `${from}–${to} of ${total}`,
  previous: 'Previous', next: 'Next', pageOf: (page, pages) => `Page ${page} of ${pages}`,
  id: 'ID', name: 'Name', module: 'Module', host: 'Host', template: 'Template', creator: 'Creator',
  modifier: 'Modifier', created: 'Created', updated: 'Updated', labels: 'Labels', none: 'none',
  fromTemplate: 'from template', templateId: id => `template ${id}`,
  deleteSelected: 'Delete selected', delete: 'Delete', cancel: 'Cancel', edit: 'Edit', save: 'Save',
  back: 'Back to the list', loading: 'Loading…', select: 'Select',
  confirmDeleteInstances: n => `Delete ${n} service instance${n === 1 ? '' : 's'}?`,
  confirmDeleteInstancesBody: names => `${names}. Their processes are deleted with them.`,
  confirmDeleteProcesses: n => `Delete ${n} process${n === 1 ? '' : 'es'}?`,
  confirmDeleteProcessesBody: names => names,
  lastProcesses: 'These are all the processes of the service instance: it is deleted with them.',
  deletedInstances: n => `Deleted ${n} service instance${n === 1 ? '' : 's'}.`,
  deletedProcesses: n => `Deleted ${n} process${n === 1 ? '' : 'es'}.`,
  instanceGone: 'The service instance had no process left and was deleted with its last one.',
  instance: id => `Service instance ${id}`, notFound: (id, biz) => `Service instance ${id} was not found in business ${biz}.`,
  processes: 'Processes', noProcesses: 'This service instance has no processes.', addProcess: 'Add process',
  deleteInstance: 'Delete service instance', ports: 'Ports', process: 'Process',
  templateInstanceHelp: 'Made from a service template: its processes come from the template.',
  templateProcessHelp: 'Made from a process template: locked fields are read-only and the process cannot be deleted.',
  newProcess: 'New process', editProcess: (id, name) => `Process ${id}: ${name}`,
  createInstance: 'Create service instance', instanceName: 'Service instance name',
  instanceNameHelp: 'optional: without it the name is the first process\'s name and first port',
  processN: n => `Process ${n}`, addAnotherProcess: 'Add another process', removeProcess: 'Remove this process',
  created_: 'Created.', saved: 'Saved.',
  bindInfo: 'Bind info (ports)', ip: 'IP', port: 'Port', protocol: 'Protocol', enable: 'Enabled',
  templateRow: 'Template row', addRow: 'Add row', removeRow: 'Remove',
  noRows: 'No bind rows.', locked: 'locked by the template', lockedShort: 'locked',
  permissionDenied: 'You do not have the permission for this.',
  missing: (action, resource) => `Missing: ${action} on ${resource}`,
  codeLine: (code, requestId) => `code ${code} · request ${requestId}`,
  network: 'The service did not answer. Check the connection and try again.',
  sections: { basic: 'Identity', run: 'Running', commands: 'Commands', numbers: 'Numbers' },
  yes: 'yes', no: 'no', nullValue: 'null',
};

const zh = {
  title: 'ProcOrleans 控制台',
  signIn: '登录', signOut: '退出', appCode: '应用 ID (app code)', appSecret: '应用密钥 (app secret)', userName: '用户名',
  signInHelp: '凭据只保存在当前浏览器标签页中，并作为 X-Bkapi-Authorization 请求头发送给 API。',
  wrongSecret: '应用 ID 或应用密钥错误。',
  signedInAs: (user, app) => `${user}（${app}）`,
  business: '业务', open: '打开', pickBusiness: '业务 ID', recent: '最近',
  pickBusinessHelp: '输入要查看服务实例的业务 ID。',
  instances: '服务实例', newInstance: '新建服务实例', filters: '筛选',
  moduleId: '模块 ID', hostIds: '主机 ID', hostIdsHelp: '用逗号或空格分隔', searchKey: '名称包含',
  apply: '应用', reset: '重置', sort: '排序', pageSize: '每页',
  sortOptions: { id: 'ID 升序', '-id': 'ID 降序', name: '名称 A–Z', '-name': '名称 Z–A',
    create_time: '最早创建', '-create_time': '最新创建' },
  count: (from, to, total) => total === 0 ? '没有服务实例' : `第 ${from}–${to} 条，共 ${total} 条`,
  previous: '上一页', next: '下一页', pageOf: (page, pages) => `第 ${page} / ${pages} 页`,
  id: 'ID', name: '名称', module: '模块', host: '主机', template: '模板', creator: '创建者',
  modifier: '修改者', created: '创建时间', updated: '更新时间', labels: '标签', none: '无',
  fromTemplate: '模板创建', templateId: id => `模板 ${id}`,
  deleteSelected: '删除所选', delete: '删除', cancel: '取消', edit: '编辑', save: '保存',
  back: '返回列表', loading: '加载中…', select: '选择',
  confirmDeleteInstances: n => `删除 ${n} 个服务实例？`,
  confirmDeleteInstancesBody: names => `${names}。其下的进程将一并删除。`,
  confirmDeleteProcesses: n => `删除 ${n} 个进程？`,
  confirmDeleteProcessesBody: names => names,
  lastProcesses: '这是该服务实例的全部进程：服务实例将一并删除。',
  deletedInstances: n => `已删除 ${n} 个服务实例。`,
  deletedProcesses: n => `已删除 ${n} 个进程。`,
  instanceGone: '服务实例已没有进程，随最后一个进程一并删除。',
  instance: id => `服务实例 ${id}`, notFound: (id, biz) => `业务 ${biz} 中没有服务实例 ${id}。`,
  processes: '进程', noProcesses: '该服务实例没有进程。', addProcess: '添加进程',
  deleteInstance: '删除服务实例', ports: '端口', process: '进程',
  templateInstanceHelp: '通过服务模板创建：其进程来自模板。',
  templateProcessHelp: '通过进程模板创建：锁定的字段只读，且进程不能删除。',
  newProcess: '新建进程', editProcess: (id, name) => `进程 ${id}：${name}`,
  createInstance: '创建服务实例', instanceName: '服务实例名称',
  instanceNameHelp: '可选：不填时名称为第一个进程的名称加第一个端口',
  processN: n => `进程 ${n}`, addAnotherProcess: '再添加一个进程', removeProcess: '移除此进程',
  created_: '已创建。', saved: '已保存。',
  bindInfo: '绑定信息（端口）', ip: 'IP', port: '端口', protocol: '协议', enable: '启用',
  templateRow: '模板行', addRow: '添加行', removeRow: '移除',
  noRows: '没有绑定信息。', locked: '由模板锁定', lockedShort: '锁定',
  permissionDenied: '你没有执行此操作的权限。',
  missing: (action, resource) => `缺少：${resource} 上的 ${action}`,
  codeLine: (code, requestId) => `错误码 ${code} · 请求 ${requestId}`,
  network: '服务没有响应，请检查网络后重试。',
  sections: { basic: '标识', run: '运行', commands: '命令', numbers: '数值' },
  yes: '是', no: '否', nullValue: 'null',
};

const words = language === 'zh-cn' ? zh : en;

/** A word of the console: a string, or a function of its arguments. */
export function t(key, ...args) {
  const value = words[key];
  return typeof value === 'function' ? value(...args) : value ?? key;
}

/** Display names of the process attributes, by key (bk-cmdb's own labels in Chinese). */
export const fieldLabels = language === 'zh-cn' ? {
  bk_process_name: '进程别名', bk_func_name: '进程名称', bk_func_id: '功能 ID', bk_start_param_regex: '启动参数匹配规则',
  description: '备注', user: '启动用户', work_path: '工作路径', pid_file: 'PID 文件路径', start_cmd: '启动命令',
  stop_cmd: '停止命令', restart_cmd: '重启命令', face_stop_cmd: '强制停止命令', reload_cmd: '进程重载命令',
  proc_num: '启动数量', priority: '启动优先级', timeout: '操作超时时长', auto_time_gap: '拉起间隔',
  bk_start_check_secs: '启动等待时长', auto_start: '是否自动拉起', bind_info: '绑定信息',
} : {
  bk_process_name: 'Process alias', bk_func_name: 'Process name', bk_func_id: 'Function ID',
  bk_start_param_regex: 'Start parameter regex', description: 'Description', user: 'Start user',
  work_path: 'Working directory', pid_file: 'PID file', start_cmd: 'Start command', stop_cmd: 'Stop command',
  restart_cmd: 'Restart command', face_stop_cmd: 'Forced stop command', reload_cmd: 'Reload command',
  proc_num: 'Number of starts', priority: 'Start priority', timeout: 'Operation timeout (s)',
  auto_time_gap: 'Auto start interval (s)', bk_start_check_secs: 'Start check (s)', auto_start: 'Start automatically',
  bind_info: 'Bind info',
};

/** Names of the IAM actions a 9900403 may name. */
export const actionNames = language === 'zh-cn' ? {} : {
  create_biz_service_instance: 'create service instances',
  edit_biz_service_instance: 'edit service instances',
  delete_biz_service_instance: 'delete service instances',
};

export const protocols = { 1: 'TCP', 2: 'UDP', 3: 'TCP6', 4: 'UDP6' };
