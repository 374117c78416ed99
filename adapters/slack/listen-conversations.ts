// Kept only for apply-action-reply.ts, which imports publishHome from here and is
// being changed in parallel (the action-reply contract): once it imports from
// ./handle-message.js, delete this file.
export { publishHome } from './handle-message.js'
